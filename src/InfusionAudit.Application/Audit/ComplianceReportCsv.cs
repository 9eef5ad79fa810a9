namespace InfusionAudit.Application.Audit;

/// <summary>
/// The compliance report as CSV: one row per figure (<c>section,item,measure,value</c>), in the order of the JSON answer,
/// so a spreadsheet can reconcile it with the lists line by line. Numbers are rounded by the unit their measure names,
/// as in JSON (<see cref="ClinicalPrecision"/>); a figure that is not available is an empty value, never a zero.
/// </summary>
public static class ComplianceReportCsv
{
    public static IReadOnlyList<string> Headers { get; } = ["section", "item", "measure", "value"];

    public static IEnumerable<IReadOnlyList<object?>> Rows(ComplianceReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        yield return Row("report", "", "clinicId", report.ClinicId);
        yield return Row("report", "", "from", report.From);
        yield return Row("report", "", "to", report.To);
        yield return Row("report", "", "generatedAt", report.GeneratedAt);

        var s = report.Sessions;
        yield return Row("sessions", "", "total", s.Total);
        foreach (var (status, count) in s.ByStatus)
        {
            yield return Row("sessions", status, "byStatus", count);
        }

        yield return Row("sessions", "", "ended", s.Ended);
        foreach (var (reason, count) in s.EndReasons)
        {
            yield return Row("sessions", reason, "endReasons", count);
        }

        yield return Row("sessions", "", "completedWithinProtocol", s.CompletedWithinProtocol);
        yield return Number("sessions", "", "completedWithinProtocolPercent", s.CompletedWithinProtocolPercent);
        yield return Row("sessions", "", "endedNotDischarged", s.EndedNotDischarged);

        foreach (var row in Rules("findingsPerRule", report.FindingsPerRule))
        {
            yield return row;
        }

        foreach (var week in report.FindingsPerWeek.GroupBy(w => (w.Week, w.From)))
        {
            yield return Row("findingsPerWeek", week.Key.Week, "from", week.Key.From);
            foreach (var count in week)
            {
                yield return Row("findingsPerWeek", $"{count.Week}|{count.Rule}", "findings", count.Findings);
            }
        }

        foreach (var effect in report.AdverseEffects)
        {
            yield return Row("adverseEffects", $"{effect.Effect}|{effect.Severity}", "count", effect.Count);
        }

        foreach (var dose in report.DeliveredDose)
        {
            yield return Row("deliveredDose", dose.ProtocolId, "sessions", dose.Sessions);
            yield return Row("deliveredDose", dose.ProtocolId, "unit", dose.Unit);
            yield return Number("deliveredDose", dose.ProtocolId, "medianMgPerKg", dose.MedianMgPerKg);
            yield return Number("deliveredDose", dose.ProtocolId, "minMgPerKg", dose.MinMgPerKg);
            yield return Number("deliveredDose", dose.ProtocolId, "maxMgPerKg", dose.MaxMgPerKg);
            yield return Number("deliveredDose", dose.ProtocolId, "medianMg", dose.MedianMg);
            yield return Number("deliveredDose", dose.ProtocolId, "minMg", dose.MinMg);
            yield return Number("deliveredDose", dose.ProtocolId, "maxMg", dose.MaxMg);
        }

        if (report.Alerts is { } a)
        {
            yield return Row("alerts", "", "raised", a.Raised);
            yield return Row("alerts", "", "acknowledged", a.Acknowledged);
            yield return Row("alerts", "", "resolved", a.Resolved);
            yield return Row("alerts", "", "open", a.Open);
            yield return Row("alerts", "", "acknowledgedByAPerson", a.AcknowledgedByAPerson);
            yield return Number("alerts", "", "medianSecondsToAcknowledge", a.MedianSecondsToAcknowledge);
            yield return Number("alerts", "", "maxSecondsToAcknowledge", a.MaxSecondsToAcknowledge);
        }

        if (report.Clinical is { } c)
        {
            foreach (var row in Rules("courseFindings", c.CourseFindings).Concat(Rules("weightFindings", c.WeightFindings)))
            {
                yield return row;
            }

            yield return Row("discharge", "", "ended", c.Discharge.Ended);
            yield return Row("discharge", "", "discharged", c.Discharge.Discharged);
            yield return Row("discharge", "", "endedNotDischarged", c.Discharge.EndedNotDischarged);
            yield return Number("discharge", "", "dischargedPercent", c.Discharge.DischargedPercent);
            yield return Row("remsForms", "", "forms", c.Rems.Forms);
            yield return Row("remsForms", "", "complete", c.Rems.Complete);
            yield return Row("remsForms", "", "incomplete", c.Rems.Incomplete);
            foreach (var (field, count) in c.Rems.MissingByField)
            {
                yield return Row("remsForms", field, "missing", count);
            }

            foreach (var m in c.PerMonth)
            {
                yield return Row("perMonth", m.Month, "sessions", m.Sessions);
                yield return Row("perMonth", m.Month, "ended", m.Ended);
                yield return Row("perMonth", m.Month, "endedNotDischarged", m.EndedNotDischarged);
                yield return Row("perMonth", m.Month, "courseFindings", m.CourseFindings);
                yield return Row("perMonth", m.Month, "weightFindings", m.WeightFindings);
                yield return Row("perMonth", m.Month, "remsForms", m.RemsForms);
                yield return Row("perMonth", m.Month, "remsIncomplete", m.RemsIncomplete);
            }
        }

        for (var i = 0; i < report.Gaps.Count; i++)
        {
            yield return Row("gaps", (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), "text", report.Gaps[i]);
        }
    }

    private static IEnumerable<IReadOnlyList<object?>> Rules(string section, IReadOnlyList<RuleFindingCount> counts)
    {
        foreach (var count in counts)
        {
            yield return Row(section, count.RuleId, "findings", count.Findings);
            yield return Row(section, count.RuleId, "sessions", count.Sessions);
        }
    }

    private static object?[] Row(string section, string item, string measure, object? value) => [section, item, measure, value];

    private static object?[] Number(string section, string item, string measure, double? value) =>
        Row(section, item, measure, value is { } v ? ClinicalPrecision.Round(measure, v) : null);
}
