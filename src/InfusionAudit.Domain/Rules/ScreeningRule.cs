using InfusionAudit.Domain.Contract;
using InfusionAudit.Domain.Findings;

namespace InfusionAudit.Domain.Rules;

/// <summary>
/// Catalogue v2 screening rules, for a resolved protocol with a <c>screening</c> section, judged once a dose exists (first
/// <c>DoseAdministered</c> or non-zero rate). <c>SCREENING-MISSING</c> (warning, key <c>""</c>, trigger the first dose): the
/// protocol requires a screening and no complete <c>ScreeningRecorded</c> (contraindications checked and consent obtained)
/// precedes the first dose on the timeline. <c>SCREENING-CONTRAINDICATION</c> (critical, key <c>""</c>): a screening anywhere on
/// the timeline lists a contraindication of the protocol (exact id match) and a dose was given; the trigger is the later of
/// that screening and the first dose.
/// </summary>
internal sealed class ScreeningRule : ISessionRule
{
    public void Evaluate(RuleContext context)
    {
        var timeline = context.Timeline;
        var firstDose = timeline.FirstDoseOrRateIndex;
        if (context.Protocol is not { Screening: { } screening } protocol || firstDose < 0 || timeline.ScreeningIndex < 0 && !screening.Required)
        {
            return;
        }

        var entries = timeline.Entries;
        var complete = false;
        var incomplete = false;
        var contraindicated = -1;
        string? found = null;
        for (var i = timeline.ScreeningIndex < 0 ? entries.Length : timeline.ScreeningIndex; i < entries.Length; i++)
        {
            if (entries[i].Event.Payload is not ScreeningRecordedPayload recorded)
            {
                continue;
            }

            if (i < firstDose)
            {
                var ok = recorded.ContraindicationsChecked && recorded.ConsentObtained;
                complete |= ok;
                incomplete |= !ok;
            }

            if (contraindicated < 0)
            {
                foreach (var id in recorded.Contraindications)
                {
                    if (screening.Contraindications.Contains(id, StringComparer.Ordinal))
                    {
                        contraindicated = i;
                        found = id;
                        break;
                    }
                }
            }
        }

        if (screening.Required && !complete)
        {
            context.Report(
                RuleIds.ScreeningMissing, Severity.Warning, protocol, "", firstDose,
                incomplete
                    ? "the screening before the first dose is incomplete (contraindications not checked or consent not obtained)"
                    : "no screening recorded before the first dose");
        }

        if (contraindicated >= 0)
        {
            context.Report(
                RuleIds.ScreeningContraindication, Severity.Critical, protocol, "", Math.Max(contraindicated, firstDose),
                $"the screening lists {found}, a contraindication of {protocol.Id}, and a dose was given");
        }
    }
}
