using InfusionAudit.Domain.Units;

namespace InfusionAudit.Domain.Protocols;

/// <summary>The dose expected on a patient's first session of the protocol from a given age (file section <c>elderly</c>).</summary>
/// <param name="AgeYearsAtLeast">From this age in whole years.</param>
/// <param name="FirstSessionDose">The most the first session may give; more is <c>DOSE-FIXED-NOT-ALLOWED</c>.</param>
public sealed record ElderlyDosing(int AgeYearsAtLeast, Dose FirstSessionDose);
