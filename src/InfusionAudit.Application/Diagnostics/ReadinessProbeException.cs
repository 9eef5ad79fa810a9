namespace InfusionAudit.Application.Diagnostics;

/// <summary>
/// A probe's failure as the readiness answer shows it (e.g. <c>503 ServerBusy</c>): the adapter that knows its
/// client's errors words them, so the answer names the cause without Application knowing any SDK.
/// </summary>
public sealed class ReadinessProbeException : Exception
{
    public ReadinessProbeException()
    {
    }

    public ReadinessProbeException(string message)
        : base(message)
    {
    }

    public ReadinessProbeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
