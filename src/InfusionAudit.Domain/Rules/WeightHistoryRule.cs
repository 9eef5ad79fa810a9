using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Sessions;
using InfusionAudit.Domain.Units;

namespace InfusionAudit.Domain.Rules;

/// <summary>
/// <c>WEIGHT-UNITS-SUSPECT</c> (critical) and <c>WEIGHT-CHANGED</c> (warning), catalogue v2: the session's weight against the
/// patient's previous session, the latest one in <c>PatientHistory</c> started strictly before this one, when it started
/// at most <c>weightKg.changedWithinDays</c> (90) earlier. Ratio = weight ÷ previous weight: within
/// <c>weightKg.poundsForKilogramsRatio</c> (2.1–2.3) or <c>weightKg.kilogramsForPoundsRatio</c> (0.43–0.48), inclusive, is
/// <c>WEIGHT-UNITS-SUSPECT</c>; otherwise a change of more than <c>weightKg.changedAbovePercent</c> (10) % of the previous
/// weight is <c>WEIGHT-CHANGED</c>. Keyed by the previous session's id, live, trigger <c>SessionStarted</c>. Looks back only
/// (order-independent across sessions). A previous session whose weight is unknown is listed as not evaluated.
/// </summary>
internal sealed class WeightHistoryRule : ISessionRule
{
    public void Evaluate(RuleContext context)
    {
        if (context.Start is not { } start)
        {
            return;
        }

        var startIndex = context.Timeline.StartIndex;
        var startedAt = context.Entry(startIndex).OccurredTicks;
        PriorSession? previous = null;
        foreach (var prior in context.History.Sessions)
        {
            var at = prior.StartedAt.UtcTicks;
            if (at < startedAt && !string.Equals(prior.SessionId, context.SessionId, StringComparison.Ordinal)
                && (previous is null || at > previous.StartedAt.UtcTicks
                    || (at == previous.StartedAt.UtcTicks && string.CompareOrdinal(prior.SessionId, previous.SessionId) > 0)))
            {
                previous = prior;
            }
        }

        var limits = context.Thresholds.WeightChange;
        if (previous is null || startedAt - previous.StartedAt.UtcTicks > limits.ChangedWithin.Ticks)
        {
            return;
        }

        if (previous.WeightKg is not { } before)
        {
            var reason = $"the weight of the previous session {previous.SessionId} is not known (indexed before weights were kept)";
            context.NotEvaluated(RuleIds.WeightChanged, reason);
            context.NotEvaluated(RuleIds.WeightUnitsSuspect, reason);
            return;
        }

        var kg = start.Weight.Kilograms;
        var ratio = kg / before;
        var days = (double)(startedAt - previous.StartedAt.UtcTicks) / TimeSpan.TicksPerDay;
        if (Within(ratio, limits.PoundsForKilograms) || Within(ratio, limits.KilogramsForPounds))
        {
            context.Report(
                RuleIds.WeightUnitsSuspect, Severity.Critical, context.Thresholds, previous.SessionId, startIndex,
                $"weight {Text.Kg(kg)} kg is {Text.Number(ratio, ShownPrecision.Ratio)} × the {Text.Kg(before)} kg of session {previous.SessionId} {Text.Number(days, ShownPrecision.Days)} days earlier: pounds and kilograms look mixed up, every mg/kg figure is suspect",
                ("weightKg", kg), ("previousWeightKg", before), ("ratio", ratio), ("daysSincePrevious", days));
            return;
        }

        var changePercent = Math.Abs(kg - before) / before * 100;
        if (Tolerance.Greater(changePercent, limits.ChangedAbovePercent))
        {
            context.Report(
                RuleIds.WeightChanged, Severity.Warning, context.Thresholds, previous.SessionId, startIndex,
                ChangedText(kg, before, changePercent, limits.ChangedAbovePercent, previous.SessionId, days),
                ("weightKg", kg), ("previousWeightKg", before), ("changePercent", changePercent), ("daysSincePrevious", days));
        }
    }

    private static bool Within(double value, Protocols.ValueRange<double> range) =>
        !Tolerance.Less(value, range.Min) && !Tolerance.Greater(value, range.Max);

    private static string ChangedText(double kg, double before, double changePercent, double limit, string previousSessionId, double days)
    {
        var (change, limitText) = Text.Compared(changePercent, limit, ShownPrecision.Percent);
        return $"weight {Text.Kg(kg)} kg differs by {change} % from the {Text.Kg(before)} kg of session {previousSessionId} {Text.Number(days, ShownPrecision.Days)} days earlier (limit {limitText} %)";
    }
}
