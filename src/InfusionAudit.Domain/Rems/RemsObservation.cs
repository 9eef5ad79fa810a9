namespace InfusionAudit.Domain.Rems;

/// <summary>Whether the record reports an effect the REMS form asks about (sedation, dissociation, respiratory depression).</summary>
/// <param name="Observed">True when at least one <c>AdverseEffectObserved</c> of this effect is recorded; false when none is.</param>
/// <param name="FirstAt">The first report, or null.</param>
/// <param name="WorstSeverity">The highest severity reported (<c>mild</c> … <c>lifeThreatening</c>), or null.</param>
public sealed record RemsObservation(bool Observed, DateTimeOffset? FirstAt, string? WorstSeverity)
{
    /// <summary>Nothing of the effect in the record.</summary>
    public static RemsObservation None { get; } = new(false, null, null);
}
