namespace InfusionAudit.Domain.Protocols;

/// <summary>The pre-dose screening a protocol asks for (file section <c>screening</c>, catalogue v2).</summary>
/// <param name="Required"><c>SCREENING-MISSING</c> when no <c>ScreeningRecorded</c> precedes the first dose.</param>
/// <param name="Contraindications">
/// Contraindication ids (as the contract's <c>ScreeningRecorded.contraindications</c>, matched exactly) that forbid dosing:
/// <c>SCREENING-CONTRAINDICATION</c> when a screening lists one and a dose followed.
/// </param>
public sealed record ScreeningRequirement(bool Required, IReadOnlyList<string> Contraindications);
