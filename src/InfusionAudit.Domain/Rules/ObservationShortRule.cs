using InfusionAudit.Domain.Findings;

namespace InfusionAudit.Domain.Rules;

/// <summary>
/// <c>OBSERVATION-SHORT</c>, for protocols with <c>observationMin</c> (esketamine: 120): the session ended less than that after
/// the last dose, where the last dose is the latest of the last <c>DoseAdministered</c> and the end of the last running
/// infusion stretch. Sessions without any dose are not judged.
/// </summary>
internal sealed class ObservationShortRule : ISessionRule
{
    public void Evaluate(RuleContext context)
    {
        var timeline = context.Timeline;
        if (context.Protocol is not { ObservationMinimum: { } minimum } protocol || timeline.EndIndex < 0)
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

        var observed = context.Entry(timeline.EndIndex).OccurredTicks - lastDose;
        if (observed < minimum.Ticks)
        {
            context.Report(
                RuleIds.ObservationShort, Severity.Warning, protocol, "", timeline.EndIndex,
                $"session ended {Text.Duration(observed)} after the last dose (minimum observation {Text.Duration(minimum)})",
                ("observationMin", Text.Minutes(observed)), ("minimumMin", minimum.TotalMinutes));
        }
    }
}
