using System.Text;
using InfusionAudit.Application.Audit;
using static InfusionAudit.Http.PrintablePage;

namespace InfusionAudit.Http;

/// <summary>
/// The compliance report as a printable page (<c>format=html</c>): the same figures as the JSON and CSV answers, in
/// tables an auditor can print or save as PDF; no script, nothing loaded from elsewhere, no patient reference.
/// </summary>
public static class ComplianceReportPage
{
    public static string Render(ComplianceReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var html = Begin($"Compliance report {report.ClinicId} {report.From:yyyy-MM-dd} to {report.To:yyyy-MM-dd}");
        html.Append("<h1>Compliance report: clinic ").Append(E(report.ClinicId)).Append("</h1>\n");
        var s = report.Sessions;
        Table(html, null,
        [
            ("Session dates", $"{report.From:yyyy-MM-dd} to {report.To:yyyy-MM-dd} (the clinic's local start dates)"),
            ("Generated at", Time(report.GeneratedAt)),
            ("Sessions", Count(s.Total)),
            ("Ended", Count(s.Ended)),
            ("Completed within protocol", $"{Count(s.CompletedWithinProtocol)} ({Percent("completedWithinProtocolPercent", s.CompletedWithinProtocolPercent)})"),
            ("Ended, never discharged", Count(s.EndedNotDischarged)),
        ]);

        if (report.Gaps.Count > 0)
        {
            html.Append("<h2>Not included</h2>\n<ul>");
            foreach (var gap in report.Gaps)
            {
                html.Append("<li>").Append(E(gap)).Append("</li>");
            }

            html.Append("</ul>\n");
        }

        Section(html, "Sessions by status", ["Status", "Sessions"], s.ByStatus.Select(p => Cells(E(p.Key), Count(p.Value))));
        Section(html, "End reasons", ["Reason", "Sessions"], s.EndReasons.Select(p => Cells(E(p.Key), Count(p.Value))));
        Section(html, "Findings per rule", ["Rule", "Findings", "Sessions"], report.FindingsPerRule.Select(RuleRow));
        Section(
            html, "Findings per rule and week", ["Week", "From", "Rule", "Findings"],
            report.FindingsPerWeek.Select(w => Cells(E(w.Week), w.From.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), E(w.Rule), Count(w.Findings))));
        Section(html, "Adverse effects", ["Effect", "Severity", "Reports"], report.AdverseEffects.Select(a => Cells(E(a.Effect), E(a.Severity), Count(a.Count))));
        Section(
            html, "Delivered dose", ["Protocol", "Sessions", "Unit", "Median", "Min", "Max"],
            report.DeliveredDose.Select(d => d.Unit == "mg"
                ? Cells(E(d.ProtocolId), Count(d.Sessions), "mg", Number("medianMg", d.MedianMg), Number("minMg", d.MinMg), Number("maxMg", d.MaxMg))
                : Cells(E(d.ProtocolId), Count(d.Sessions), E(d.Unit), Number("medianMgPerKg", d.MedianMgPerKg), Number("minMgPerKg", d.MinMgPerKg), Number("maxMgPerKg", d.MaxMgPerKg))));

        html.Append("<h2>Alerts</h2>\n");
        if (report.Alerts is { } a)
        {
            Table(html, null,
            [
                ("Raised", Count(a.Raised)),
                ("Acknowledged", Count(a.Acknowledged)),
                ("Acknowledged by a person", Count(a.AcknowledgedByAPerson)),
                ("Resolved", Count(a.Resolved)),
                ("Open", Count(a.Open)),
                ("Median time to acknowledge (s)", Number("medianSecondsToAcknowledge", a.MedianSecondsToAcknowledge)),
                ("Longest time to acknowledge (s)", Number("maxSecondsToAcknowledge", a.MaxSecondsToAcknowledge)),
            ]);
        }
        else
        {
            html.Append("<p class=\"missing\">Not available (see Not included).</p>\n");
        }

        if (report.Clinical is { } c)
        {
            Section(html, "Course of treatment findings", ["Rule", "Findings", "Sessions"], c.CourseFindings.Select(RuleRow));
            Section(html, "Weight findings", ["Rule", "Findings", "Sessions"], c.WeightFindings.Select(RuleRow));
            html.Append("<h2>Discharge and REMS monitoring forms</h2>\n");
            Table(html, null,
            [
                ("Ended sessions discharged", $"{Count(c.Discharge.Discharged)} of {Count(c.Discharge.Ended)} ({Percent("dischargedPercent", c.Discharge.DischargedPercent)})"),
                ("REMS forms complete", $"{Count(c.Rems.Complete)} of {Count(c.Rems.Forms)}"),
                ("REMS forms incomplete", Count(c.Rems.Incomplete)),
            ]);
            Section(html, "REMS form fields missing", ["Field", "Forms"], c.Rems.MissingByField.Select(p => Cells(E(p.Key), Count(p.Value))));
            Section(
                html, "Per month", ["Month", "Sessions", "Ended", "Not discharged", "Course findings", "Weight findings", "REMS forms", "REMS incomplete"],
                c.PerMonth.Select(m => Cells(E(m.Month), Count(m.Sessions), Count(m.Ended), Count(m.EndedNotDischarged), Count(m.CourseFindings), Count(m.WeightFindings), Count(m.RemsForms), Count(m.RemsIncomplete))));
        }

        return End(html);
    }

    private static void Section(StringBuilder html, string title, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        html.Append("<h2>").Append(E(title)).Append("</h2>\n");
        var list = rows.ToList();
        if (list.Count == 0)
        {
            html.Append("<p>None.</p>\n");
            return;
        }

        Grid(html, headers, list);
    }

    private static IReadOnlyList<string> RuleRow(RuleFindingCount count) => Cells(E(count.RuleId), Count(count.Findings), Count(count.Sessions));

    private static string[] Cells(params string[] cells) => cells;

    private static string Percent(string name, double? value) => value is null ? "no ended session" : Number(name, value) + " %";
}
