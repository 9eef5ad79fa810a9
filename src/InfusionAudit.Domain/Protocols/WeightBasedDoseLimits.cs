using InfusionAudit.Domain.Units;

namespace InfusionAudit.Domain.Protocols;

/// <summary>Per-session dose limits of a weight-based protocol (file section <c>doseMgPerKg</c>).</summary>
/// <param name="Soft">Outside it: <c>DOSE-PRESCRIBED-SOFT</c> (warning).</param>
/// <param name="Hard">Outside it: <c>DOSE-PRESCRIBED-HARD</c>; delivered above <c>Hard.Max</c>: <c>DOSE-HARD-LIMIT</c> (critical).</param>
public sealed record WeightBasedDoseLimits(ValueRange<WeightBasedDose> Soft, ValueRange<WeightBasedDose> Hard);
