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
    double HrCriticalLowAtMostBpm);
