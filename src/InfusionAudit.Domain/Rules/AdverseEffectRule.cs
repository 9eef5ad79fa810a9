using InfusionAudit.Domain.Contract;
using InfusionAudit.Domain.Findings;

namespace InfusionAudit.Domain.Rules;

/// <summary>
/// <c>AE-REPORTED</c> (mild: info, moderate: warning), <c>AE-SEVERE</c> (severe, life-threatening, or respiratory depression /
/// loss of consciousness at any severity: critical; such an event gets only this finding), one per event;
/// <c>SESSION-STOPPED-AE</c> when the session ended for an adverse effect.
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

        if (context.Timeline.EndReason == SessionEndReason.StoppedForAdverseEffect)
        {
            context.Report(
                RuleIds.SessionStoppedAe, Severity.Critical, context.Thresholds, "", context.Timeline.EndIndex,
                "session ended with reason stoppedForAdverseEffect");
        }
    }
}
