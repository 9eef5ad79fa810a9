namespace InfusionAudit.Simulator.Hl7;

/// <summary>
/// What a pump or a monitor knows of its session beyond one event: the patient it is associated with (PID-3) and the
/// rates the pump was programmed with, by sequence (a resume restarts the last non-zero one).
/// </summary>
/// <param name="PatientRef">The patient identifier of the session's <c>SessionStarted</c>; null when none was generated.</param>
/// <param name="Rates">The session's non-zero programmed rates: sequence, contract field, the number as the JSON wrote it.</param>
public sealed record SessionDeviceFacts(string? PatientRef, IReadOnlyList<(long Sequence, string Field, string Value)> Rates)
{
    /// <summary>The last non-zero rate programmed before <paramref name="sequence"/>, or null.</summary>
    public (string Field, string Value)? RateBefore(long sequence)
    {
        (string, string)? found = null;
        foreach (var (at, field, value) in Rates)
        {
            if (at < sequence)
            {
                found = (field, value);
            }
        }

        return found;
    }
}
