namespace InfusionAudit.Domain.Protocols;

/// <summary>Windows for the planned and the actual running time of an infusion (file section <c>durationMin</c>).</summary>
/// <param name="Soft">Outside it: <c>DURATION-SOFT</c> (warning).</param>
/// <param name="Hard">Outside it: <c>DURATION-HARD</c> (critical).</param>
public sealed record DurationLimits(ValueRange<TimeSpan> Soft, ValueRange<TimeSpan> Hard);
