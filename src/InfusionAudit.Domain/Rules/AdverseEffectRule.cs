using InfusionAudit.Domain.Contract;
using InfusionAudit.Domain.Findings;

namespace InfusionAudit.Domain.Rules;

/// <summary>
/// <c>AE-REPORTED</c> (mild: info, moderate: warning), <c>AE-SEVERE</c> (severe, life-threatening, or respiratory depression /
/// loss of consciousness at any severity: critical; such an event gets only this finding), one per event;
/// <c>SESSION-STOPPED-AE</c> when any <c>SessionEnded</c> (not only the earliest) says <c>stoppedForAdverseEffect</c>, once per
/// session, at the first such end on the timeline.
/// </summary>
internal sealed class AdverseEffectRule : ISessionRule
{
    public void Evaluate(RuleContext context)
    {
        var entries = context.Timeline.Entries;
        for (var i = 0; i < entries.Length; i++)
        {
            if (entries[i].Event.Payload is not AdverseEffectObservedPayload ae)
            {
                continue;
            }

            var severe = ae.Severity is AdverseEffectSeverity.Severe or AdverseEffectSeverity.LifeThreatening
                || ae.Effect is AdverseEffect.RespiratoryDepression or AdverseEffect.LossOfConsciousness;
            var cadss = ae.CadssScore is { } score ? $", CADSS {score}" : "";
            var evidence = $"{ae.Severity} {ae.Effect} reported{cadss}";
            if (severe)
            {
                context.Report(RuleIds.AeSevere, Severity.Critical, context.Thresholds, entries[i].Event.EventId, i, evidence);
            }
            else
            {
                var severity = ae.Severity == AdverseEffectSeverity.Mild ? Severity.Info : Severity.Warning;
                context.Report(RuleIds.AeReported, severity, context.Thresholds, entries[i].Event.EventId, i, evidence);
            }
        }

        // Devices may each send an end; any of them saying the session stopped for an adverse effect is heard.
        for (var i = 0; i < entries.Length; i++)
        {
            if (entries[i].Event.Payload is SessionEndedPayload { Reason: SessionEndReason.StoppedForAdverseEffect })
            {
                context.Report(
                    RuleIds.SessionStoppedAe, Severity.Critical, context.Thresholds, "", i,
                    i == context.Timeline.EndIndex
                        ? "session ended with reason stoppedForAdverseEffect"
                        : $"session ended with reason stoppedForAdverseEffect ({entries[i].Event.EventId} from {entries[i].Event.DeviceId}, after an earlier end)");
                break;
            }
        }
    }
}
