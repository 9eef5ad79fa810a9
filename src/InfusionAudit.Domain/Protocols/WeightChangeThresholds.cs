namespace InfusionAudit.Domain.Protocols;

/// <summary>
/// Weight against the same patient's previous session (file section <c>weightKg</c>, optional fields, catalogue v2 defaults):
/// <c>WEIGHT-CHANGED</c> and <c>WEIGHT-UNITS-SUSPECT</c>.
/// </summary>
/// <param name="ChangedAbovePercent">More than this change from the previous weight is <c>WEIGHT-CHANGED</c> (default 10).</param>
/// <param name="ChangedWithin">Only a previous session this recent counts (default 90 days, at most the history's look-back).</param>
/// <param name="PoundsForKilograms">Weight ÷ previous weight in this range (inclusive) looks like pounds entered as kilograms (default 2.1–2.3).</param>
/// <param name="KilogramsForPounds">… in this range, the previous weight was the pounds (default 0.43–0.48).</param>
public sealed record WeightChangeThresholds(
    double ChangedAbovePercent,
    TimeSpan ChangedWithin,
    ValueRange<double> PoundsForKilograms,
    ValueRange<double> KilogramsForPounds)
{
    /// <summary>Catalogue v2: 10 % within 90 days; ratios 2.1–2.3 and 0.43–0.48 (ISMP).</summary>
    public static WeightChangeThresholds Default { get; } =
        new(10, TimeSpan.FromDays(90), new ValueRange<double>(2.1, 2.3), new ValueRange<double>(0.43, 0.48));
}
