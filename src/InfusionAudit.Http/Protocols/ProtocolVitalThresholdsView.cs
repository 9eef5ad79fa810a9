using InfusionAudit.Domain.Protocols;

namespace InfusionAudit.Http.Protocols;

/// <summary>
/// The vital-sign thresholds the rules use, defaults applied (docs/rules.md): "Above"/"Below" are strict, "AtLeast" and
/// "AtMost" inclusive, as in the protocol file.
/// </summary>
public sealed record ProtocolVitalThresholdsView(
    double BpPredoseSystolicAboveMmHg,
    double BpPredoseDiastolicAboveMmHg,
    double BpHighSystolicAtLeastMmHg,
    double BpHighDiastolicAtLeastMmHg,
    double BpCriticalPairSystolicAtLeastMmHg,
    double BpCriticalPairDiastolicAtLeastMmHg,
    double BpCriticalPairWithinMin,
    double BpCriticalSingleSystolicAtLeastMmHg,
    double BpCriticalSingleDiastolicAtLeastMmHg,
    double BpLowSystolicBelowMmHg,
    double BpLowCriticalSystolicBelowMmHg,
    double HrHighAboveBpm,
    double HrCriticalSustainedAboveBpm,
    double HrCriticalSustainedForMin,
    double HrCriticalSingleAboveBpm,
    double HrLowAtMostBpm,
    double HrCriticalLowAtMostBpm,
    double Spo2LowBelowPercent,
    double Spo2CriticalBelowPercent,
    double RrCriticalBelowPerMin,
    double RrHighAtLeastPerMin,
    double BaselineChangeAbovePercent,
    double MissingAfterMin)
{
    public static ProtocolVitalThresholdsView From(VitalsThresholds v) => new(
        v.BpPredoseSystolicAboveMmHg,
        v.BpPredoseDiastolicAboveMmHg,
        v.BpHighSystolicAtLeastMmHg,
        v.BpHighDiastolicAtLeastMmHg,
        v.BpCriticalPairSystolicAtLeastMmHg,
        v.BpCriticalPairDiastolicAtLeastMmHg,
        v.BpCriticalPairWithin.TotalMinutes,
        v.BpCriticalSingleSystolicAtLeastMmHg,
        v.BpCriticalSingleDiastolicAtLeastMmHg,
        v.BpLowSystolicBelowMmHg,
        v.BpLowCriticalSystolicBelowMmHg,
        v.HrHighAboveBpm,
        v.HrCriticalSustainedAboveBpm,
        v.HrCriticalSustainedFor.TotalMinutes,
        v.HrCriticalSingleAboveBpm,
        v.HrLowAtMostBpm,
        v.HrCriticalLowAtMostBpm,
        v.Spo2LowBelowPercent,
        v.Spo2CriticalBelowPercent,
        v.RrCriticalBelowPerMin,
        v.RrHighAtLeastPerMin,
        v.BaselineChangeAbovePercent,
        v.MissingAfter.TotalMinutes);
}
