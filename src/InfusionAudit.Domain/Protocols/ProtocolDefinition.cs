using InfusionAudit.Domain.Contract;
using InfusionAudit.Domain.Units;

namespace InfusionAudit.Domain.Protocols;

/// <summary>
/// One version of a treatment protocol as loaded from <c>protocols/&lt;id&gt;.v&lt;version&gt;.json</c>: the limits of
/// clinical-rules.md and every tunable rule threshold. Optional sections are null when the protocol does not use them,
/// and the rules that read them then do not apply.
/// </summary>
/// <param name="Id">Protocol id as sessions name it, e.g. <c>ketamine-iv-depression</c>.</param>
/// <param name="Version">Version, from 1; a clinic changes a number by adding a file with a higher version.</param>
/// <param name="Title">Human title.</param>
/// <param name="Route">The route the protocol is for; a session on another route is <c>PROTOCOL-UNKNOWN</c>.</param>
/// <param name="FallbackForUnknownProtocols">
/// True on the one protocol whose vitals and timing thresholds judge sessions whose own protocol is unknown or not yet known.
/// </param>
/// <param name="DosePerWeight">Weight-based dose limits; exactly one of this and <paramref name="FixedDose"/>.</param>
/// <param name="FixedDose">Fixed-dose limits.</param>
/// <param name="Elderly">First-session dose expected from an age, or null.</param>
/// <param name="Duration">Planned/actual running time windows, or null (no duration rules).</param>
/// <param name="Rate">Programmed rate limits, or null.</param>
/// <param name="RateDeviation">Rate deviation thresholds, or null (no <c>RATE-DEVIATION</c>).</param>
/// <param name="ConcentrationHard">Plausible infusion concentration range, or null.</param>
/// <param name="ObservationMinimum">Least time from the last dose to the session end, or null (no <c>OBSERVATION-SHORT</c>).</param>
/// <param name="DeviceSpacingMinimum">Least time between two discrete doses (intranasal devices), or null.</param>
/// <param name="PlausibleWeight">Weight range outside which <c>WEIGHT-IMPLAUSIBLE</c> fires.</param>
/// <param name="Delivery">Delivery tolerances.</param>
/// <param name="Timing">Scheduling and integrity time thresholds.</param>
/// <param name="Vitals">Vital-sign thresholds.</param>
/// <param name="BolusHardMax">
/// Discrete doses on an IV-infusion protocol above this (alone or summed) are critical <c>DOSE-BOLUS</c> (file field
/// <c>bolusHardMaxMgPerKg</c>; clinic default 0.25 mg/kg when absent).
/// </param>
public sealed record ProtocolDefinition(
    string Id,
    int Version,
    string Title,
    Route Route,
    bool FallbackForUnknownProtocols,
    WeightBasedDoseLimits? DosePerWeight,
    FixedDoseLimits? FixedDose,
    ElderlyDosing? Elderly,
    DurationLimits? Duration,
    RateLimits? Rate,
    RateDeviationThresholds? RateDeviation,
    ValueRange<Concentration>? ConcentrationHard,
    TimeSpan? ObservationMinimum,
    TimeSpan? DeviceSpacingMinimum,
    ValueRange<BodyWeight> PlausibleWeight,
    DeliveryThresholds Delivery,
    TimingThresholds Timing,
    VitalsThresholds Vitals,
    WeightBasedDose BolusHardMax)
{
    /// <summary>When a device time is not believed; <see cref="ClockPlausibility.Default"/> when the file has no <c>clock</c> section.</summary>
    public ClockPlausibility Clock { get; init; } = ClockPlausibility.Default;

    /// <summary>The pre-dose screening the protocol asks for (file section <c>screening</c>), or null (no screening rules).</summary>
    public ScreeningRequirement? Screening { get; init; }

    /// <summary>The course of treatment the protocol allows (file section <c>course</c>), or null (no course rules).</summary>
    public CourseLimits? Course { get; init; }

    /// <summary>Weight against the patient's previous session; <see cref="WeightChangeThresholds.Default"/> when the file sets none.</summary>
    public WeightChangeThresholds WeightChange { get; init; } = WeightChangeThresholds.Default;

    /// <summary>
    /// <c>AE-ASPIRATION-RISK</c>: vomiting within this after sedation or loss of consciousness (file field
    /// <c>aspirationRiskWithinMin</c>, default 30 min).
    /// </summary>
    public TimeSpan AspirationRiskWithin { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// The protocol's sessions are reported on the esketamine REMS Patient Monitoring Form (file field
    /// <c>remsMonitoringForm</c>, default false): <c>GET /api/sessions/{id}/rems-form</c> answers for them only.
    /// </summary>
    public bool RemsMonitoringForm { get; init; }
}
