namespace InfusionAudit.Domain.Protocols;

/// <summary>Vital-sign thresholds (file section <c>vitals</c>). "Above"/"Below" are strict, "AtLeast" is inclusive.</summary>
/// <param name="BpPredoseSystolicAboveMmHg">Last reading before the first dose or rate: <c>VITALS-BP-PREDOSE</c> when systolic is above.</param>
/// <param name="BpPredoseDiastolicAboveMmHg">… or diastolic is above.</param>
/// <param name="BpHighSystolicAtLeastMmHg"><c>VITALS-BP-HIGH</c> when systolic is at least.</param>
/// <param name="BpHighDiastolicAtLeastMmHg">… or diastolic is at least.</param>
/// <param name="BpCriticalPairSystolicAtLeastMmHg"><c>VITALS-BP-CRITICAL</c> on two readings within <paramref name="BpCriticalPairWithin"/> whose systolic is at least …</param>
/// <param name="BpCriticalPairDiastolicAtLeastMmHg">… or whose diastolic is at least.</param>
/// <param name="BpCriticalPairWithin">Largest time between the two readings (inclusive).</param>
/// <param name="BpCriticalSingleSystolicAtLeastMmHg"><c>VITALS-BP-CRITICAL</c> on one reading whose systolic is at least …</param>
/// <param name="BpCriticalSingleDiastolicAtLeastMmHg">… or whose diastolic is at least.</param>
/// <param name="HrHighAboveBpm"><c>VITALS-HR-HIGH</c> above.</param>
/// <param name="HrCriticalSustainedAboveBpm"><c>VITALS-HR-CRITICAL</c> when consecutive readings above it span at least <paramref name="HrCriticalSustainedFor"/>.</param>
/// <param name="HrCriticalSustainedFor">Span of the sustained run (inclusive).</param>
/// <param name="HrCriticalSingleAboveBpm"><c>VITALS-HR-CRITICAL</c> on one reading above.</param>
/// <param name="Spo2LowBelowPercent"><c>VITALS-SPO2-LOW</c> below.</param>
/// <param name="Spo2CriticalBelowPercent"><c>VITALS-SPO2-CRITICAL</c> below.</param>
/// <param name="RrCriticalBelowPerMin"><c>VITALS-RR-CRITICAL</c> below.</param>
/// <param name="Plausible">Physiological ranges for <c>VITALS-IMPLAUSIBLE</c>.</param>
/// <param name="BpPredoseWithin">
/// <c>VITALS-BP-PREDOSE-MISSING</c> when no pressure was taken this long before the first dose or rate (file field
/// <c>bpPredose.withinMin</c>, default 30 min).
/// </param>
/// <param name="BelowFloorConfirmWithin">
/// Two readings below the floor of <paramref name="Plausible"/> (heart rate, SpO2) at most this far apart are real and judged
/// by the other vitals rules (file field <c>belowFloorConfirmWithinMin</c>, default 2 min).
/// </param>
/// <param name="HrLowAtMostBpm"><c>VITALS-HR-LOW</c> warning at or below (file field <c>hrLowAtMostBpm</c>, default 50, NEWS2).</param>
/// <param name="HrCriticalLowAtMostBpm"><c>VITALS-HR-LOW</c> critical at or below (file field <c>hrCriticalLowAtMostBpm</c>, default 40, NEWS2).</param>
public sealed record VitalsThresholds(
    double BpPredoseSystolicAboveMmHg,
    double BpPredoseDiastolicAboveMmHg,
    double BpHighSystolicAtLeastMmHg,
    double BpHighDiastolicAtLeastMmHg,
    double BpCriticalPairSystolicAtLeastMmHg,
    double BpCriticalPairDiastolicAtLeastMmHg,
    TimeSpan BpCriticalPairWithin,
    double BpCriticalSingleSystolicAtLeastMmHg,
    double BpCriticalSingleDiastolicAtLeastMmHg,
    double HrHighAboveBpm,
    double HrCriticalSustainedAboveBpm,
    TimeSpan HrCriticalSustainedFor,
    double HrCriticalSingleAboveBpm,
    double Spo2LowBelowPercent,
    double Spo2CriticalBelowPercent,
    double RrCriticalBelowPerMin,
    VitalsPlausibility Plausible,
    TimeSpan BpPredoseWithin,
    TimeSpan BelowFloorConfirmWithin,
    double HrLowAtMostBpm,
    double HrCriticalLowAtMostBpm)
{
    /// <summary><c>VITALS-BP-LOW</c> warning: systolic below (file field <c>bpLow.systolicBelowMmHg</c>, default 90, NEWS2).</summary>
    public double BpLowSystolicBelowMmHg { get; init; } = 90;

    /// <summary><c>VITALS-BP-LOW</c> critical: two systolics below this within <see cref="BpLowCriticalPairWithin"/> (default 80, clinic default).</summary>
    public double BpLowCriticalSystolicBelowMmHg { get; init; } = 80;

    /// <summary>Largest time between the two low readings, inclusive (<c>bpLow.criticalPairWithinMin</c>, default 10 min, clinic default).</summary>
    public TimeSpan BpLowCriticalPairWithin { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary><c>VITALS-RR-HIGH</c>: respiratory rate at least (file field <c>rrHighAtLeastPerMin</c>, default 25, NEWS2).</summary>
    public double RrHighAtLeastPerMin { get; init; } = 25;

    /// <summary><c>VITALS-BASELINE-CHANGE</c>: HR or SBP more than this percent from the pre-dose reading (default 25, World SIVA).</summary>
    public double BaselineChangeAbovePercent { get; init; } = 25;

    /// <summary><c>VITALS-MISSING</c>: no blood pressure or no SpO2 for this long while dosing or observing (default 15 min).</summary>
    public TimeSpan MissingAfter { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// <c>VITALS-BP-40MIN-MISSING</c>: a blood pressure is expected in this window after the first dose (file field
    /// <c>bpAfterFirstDose</c>, esketamine label: about 40 min, 30–50); null: the rule does not apply.
    /// </summary>
    public ValueRange<TimeSpan>? BpAfterFirstDose { get; init; }
}
