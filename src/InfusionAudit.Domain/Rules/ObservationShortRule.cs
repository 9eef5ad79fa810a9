using InfusionAudit.Domain.Contract;
using InfusionAudit.Domain.Findings;

namespace InfusionAudit.Domain.Rules;

/// <summary>
/// <c>OBSERVATION-SHORT</c> (catalogue v2, every route), for protocols with <c>observationMin</c> (IN 120, IV 30, SC 60): the end
/// of monitoring came less than that after the last dose. The end of monitoring is the first <c>PatientDischarged</c> on the
/// timeline; without one, for route IN only, the first <c>SessionEnded</c> (as before contract 1.1: the intranasal session
/// is the monitoring). The last dose is the latest of the last <c>DoseAdministered</c> and the end of the last running infusion
/// stretch. Sessions without any dose, and IV/SC sessions never discharged, are not judged (the state's
/// <c>dischargedAt</c> shows the latter).
/// </summary>
internal sealed class ObservationShortRule : ISessionRule
{
    public void Evaluate(RuleContext context)
    {
        var timeline = context.Timeline;
        if (context.Protocol is not { ObservationMinimum: { } minimum } protocol)
        {
            return;
        }

        var endIndex = timeline.DischargeIndex >= 0 ? timeline.DischargeIndex
            : protocol.Route == Route.IN ? timeline.EndIndex
            : -1;
        if (endIndex < 0)
        {
            return;
        }

        var lastDose = long.MinValue;
        if (timeline.LastDoseIndex >= 0)
        {
            lastDose = context.Entry(timeline.LastDoseIndex).OccurredTicks;
        }

        if (timeline.Pieces.Count > 0)
        {
            lastDose = Math.Max(lastDose, timeline.Pieces[^1].To);
        }

        if (lastDose == long.MinValue)
        {
            return;
        }

        var what = endIndex == timeline.DischargeIndex ? "patient discharged" : "session ended";
        var observed = context.Entry(endIndex).OccurredTicks - lastDose;
        if (observed < minimum.Ticks)
        {
            context.Report(
                RuleIds.ObservationShort, Severity.Warning, protocol, "", endIndex,
                $"{what} {Text.Duration(observed)} after the last dose (minimum observation {Text.Duration(minimum)})",
                ("observationMin", Text.Minutes(observed)), ("minimumMin", minimum.TotalMinutes));
        }
    }
}
