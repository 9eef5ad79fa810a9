using InfusionAudit.Domain.Units;

namespace InfusionAudit.Domain.Protocols;

/// <summary>Upper limits of the programmed infusion rate (file section <c>rateMgPerKgPerHour</c>).</summary>
/// <param name="SoftMax">Above it: <c>RATE-SOFT</c> (warning).</param>
/// <param name="HardMax">Above it: <c>RATE-HARD</c> (critical).</param>
public sealed record RateLimits(WeightBasedDoseRate SoftMax, WeightBasedDoseRate HardMax);
