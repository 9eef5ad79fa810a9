using System.Globalization;
using InfusionAudit.Domain.Findings;
using InfusionAudit.Application.Ports.Indexes;

namespace InfusionAudit.Application.Audit;

/// <summary>
/// The report's clinical section (issue 13 item 8): findings on the course of treatment and on weight, whether the end
/// of monitoring was recorded, REMS form completeness, and these per month. Counted from the same clinic index rows as
/// the rest of the report: no extra storage request.
/// </summary>
/// <param name="CourseFindings">Active findings of the course rules (<c>COURSE-*</c> and <c>DOSE-ESCALATION</c>), per rule, in catalogue order.</param>
/// <param name="WeightFindings">Active findings of the weight rules (<c>WEIGHT-*</c>), per rule, in catalogue order.</param>
/// <param name="Discharge">Discharge completeness of the ended sessions.</param>
/// <param name="Rems">REMS monitoring form completeness.</param>
/// <param name="PerMonth">The same figures per month of session date, oldest first; only months with sessions.</param>
public sealed record ClinicalComplianceSummary(
    IReadOnlyList<RuleFindingCount> CourseFindings,
    IReadOnlyList<RuleFindingCount> WeightFindings,
    DischargeCompleteness Discharge,
    RemsCompleteness Rems,
    IReadOnlyList<ComplianceMonth> PerMonth)
{
    /// <summary>True for a rule on the course of treatment: <c>COURSE-*</c> and <c>DOSE-ESCALATION</c>.</summary>
    public static bool IsCourseRule(string ruleId) =>
        ruleId.StartsWith("COURSE-", StringComparison.Ordinal) || ruleId == RuleIds.DoseEscalation;

    /// <summary>True for a weight rule: <c>WEIGHT-*</c>.</summary>
    public static bool IsWeightRule(string ruleId) => ruleId.StartsWith("WEIGHT-", StringComparison.Ordinal);

    /// <summary>The section over a set of clinic index rows.</summary>
    public static ClinicalComplianceSummary Of(IReadOnlyCollection<ClinicSessionRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var course = new Dictionary<string, (int Findings, int Sessions)>(StringComparer.Ordinal);
        var weight = new Dictionary<string, (int Findings, int Sessions)>(StringComparer.Ordinal);
        var missingByField = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var months = new SortedDictionary<string, ComplianceMonth>(StringComparer.Ordinal);
        int ended = 0, discharged = 0, forms = 0, complete = 0;
        foreach (var row in rows)
        {
            var month = row.SessionDate.ToString("yyyy-MM", CultureInfo.InvariantCulture);
            var m = months.GetValueOrDefault(month) ?? new ComplianceMonth(month, 0, 0, 0, 0, 0, 0, 0);
            var isEnded = row.Status == "Ended";
            var notDischarged = isEnded && row.DischargedAt is null;
            ended += isEnded ? 1 : 0;
            discharged += isEnded && row.DischargedAt is not null ? 1 : 0;
            int courseCount = 0, weightCount = 0;
            foreach (var (ruleId, count) in ClinicSessionsQueryHandler.Counts(row.FindingCounts))
            {
                var target = IsCourseRule(ruleId) ? course : IsWeightRule(ruleId) ? weight : null;
                if (target is null)
                {
                    continue;
                }

                var (f, s) = target.GetValueOrDefault(ruleId);
                target[ruleId] = (f + count, s + 1);
                courseCount += target == course ? count : 0;
                weightCount += target == weight ? count : 0;
            }

            var rems = row.RemsMissing is not null;
            var incomplete = !string.IsNullOrEmpty(row.RemsMissing);
            if (rems)
            {
                forms++;
                complete += incomplete ? 0 : 1;
                foreach (var field in FormFields(row.RemsMissing!))
                {
                    missingByField[field] = missingByField.GetValueOrDefault(field) + 1;
                }
            }

            months[month] = m with
            {
                Sessions = m.Sessions + 1,
                Ended = m.Ended + (isEnded ? 1 : 0),
                EndedNotDischarged = m.EndedNotDischarged + (notDischarged ? 1 : 0),
                CourseFindings = m.CourseFindings + courseCount,
                WeightFindings = m.WeightFindings + weightCount,
                RemsForms = m.RemsForms + (rems ? 1 : 0),
                RemsIncomplete = m.RemsIncomplete + (incomplete ? 1 : 0),
            };
        }

        return new ClinicalComplianceSummary(
            InCatalogueOrder(course),
            InCatalogueOrder(weight),
            new DischargeCompleteness(ended, discharged, ended - discharged, ended == 0 ? null : ClinicalPrecision.Round(100.0 * discharged / ended, 1)),
            new RemsCompleteness(forms, complete, forms - complete, missingByField),
            [.. months.Values]);
    }

    /// <summary>The fields of one form's missing list, each once; a device's lot counts as <c>devices[].lotNumber</c>.</summary>
    private static IEnumerable<string> FormFields(string missing) =>
        missing.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(f => f.StartsWith("devices[", StringComparison.Ordinal) && f.IndexOf(']', StringComparison.Ordinal) is var end and > 0 ? "devices[]" + f[(end + 1)..] : f)
            .Distinct(StringComparer.Ordinal);

    private static List<RuleFindingCount> InCatalogueOrder(Dictionary<string, (int Findings, int Sessions)> counts)
    {
        var catalogue = RuleIds.All.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i, StringComparer.Ordinal);
        return [.. counts
            .OrderBy(c => catalogue.GetValueOrDefault(c.Key, int.MaxValue))
            .ThenBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => new RuleFindingCount(c.Key, c.Value.Findings, c.Value.Sessions))];
    }
}
