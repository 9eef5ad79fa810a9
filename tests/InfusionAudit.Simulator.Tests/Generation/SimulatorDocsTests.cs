using System.Text.RegularExpressions;
using InfusionAudit.Domain.Findings;
using InfusionAudit.Simulator.Generation;
using static InfusionAudit.Simulator.Tests.SimulatorTestData;

namespace InfusionAudit.Simulator.Tests.Generation;

/// <summary>
/// Keeps the scenario table of docs/simulator.md ("Scenarios and what each one exercises") true to the real session
/// engine. Its last column names findings as <c>`RULE-ID` (severity[, in some sessions…])</c>; <c>no `RULE-ID`</c>
/// states that a rule is never raised. Each scenario is generated over many seeds, with and without a streaming monitor,
/// and judged by <see cref="EngineVerdict"/>.
/// </summary>
public sealed partial class SimulatorDocsTests
{
    private const string TableHeading = "## Scenarios and what each one exercises";

    // 25 days of 40 sessions, plus 3 streamed days: rare draws (RATE-SOFT in Duplicates, about 1 session in 500) are seen.
    private const int Days = 25;
    private const int StreamedDays = 3;
    private const int SessionsPerDay = 40;

    public static TheoryData<Scenario> AllScenarios => [.. Enum.GetValues<Scenario>()];

    [Fact]
    public void TheTableHasOneRowPerScenario()
    {
        var rows = ScenarioTable();

        rows.Select(r => r.Scenario).Order().ShouldBe(Enum.GetValues<Scenario>().Order());
    }

    [Theory]
    [MemberData(nameof(AllScenarios))]
    public void TheFindingsColumnNamesWhatTheEngineRaises(Scenario scenario)
    {
        var row = ScenarioTable().Single(r => r.Scenario == scenario);
        var claims = Claims(row.Findings, out var errors);

        var sessions = Sample(scenario);
        var raisedIn = new Dictionary<(string RuleId, Severity Severity), int>();
        foreach (var session in sessions)
        {
            foreach (var key in EngineVerdict.Findings(session).Select(f => (f.RuleId, f.Severity)).Distinct())
            {
                raisedIn[key] = raisedIn.GetValueOrDefault(key) + 1;
            }
        }

        var named = claims.Where(c => !c.Never).ToList();
        var n = sessions.Count;

        foreach (var ((ruleId, severity), count) in raisedIn.OrderBy(x => x.Key.RuleId, StringComparer.Ordinal))
        {
            if (named.Any(c => c.RuleId == ruleId && c.Severity == severity))
            {
                continue;
            }

            errors.Add(count == n
                ? $"`{ruleId}` ({Word(severity)}) is raised in every one of {n} sessions but the row does not name it"
                : $"`{ruleId}` ({Word(severity)}) is raised in {count} of {n} sessions but the row does not name it (mark it \"in some sessions\")");
        }

        foreach (var claim in claims)
        {
            if (claim.Never)
            {
                var raised = raisedIn.Where(x => x.Key.RuleId == claim.RuleId).Sum(x => x.Value);
                if (raised > 0)
                {
                    errors.Add($"the row says no `{claim.RuleId}`, but it is raised in {raised} of {n} sessions");
                }

                continue;
            }

            var count = raisedIn.GetValueOrDefault((claim.RuleId, claim.Severity));
            if (count == 0)
            {
                var other = raisedIn.Keys.Where(k => k.RuleId == claim.RuleId).Select(k => Word(k.Severity)).ToList();
                errors.Add(other.Count == 0
                    ? $"`{claim.RuleId}` ({Word(claim.Severity)}) is named but raised in none of {n} sessions"
                    : $"`{claim.RuleId}` is named as {Word(claim.Severity)} but raised as {string.Join("/", other)}");
            }
            else if (claim.InSomeSessions && count == n)
            {
                errors.Add($"`{claim.RuleId}` ({Word(claim.Severity)}) is marked \"in some sessions\" but is raised in all {n}");
            }
            else if (!claim.InSomeSessions && count < n)
            {
                errors.Add($"`{claim.RuleId}` ({Word(claim.Severity)}) is raised in only {count} of {n} sessions: mark it \"in some sessions\"");
            }
        }

        Assert.True(errors.Count == 0, $"docs/simulator.md, row `{scenario}`:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", errors)}");
    }

    private static List<GeneratedSession> Sample(Scenario scenario)
    {
        var sessions = new List<GeneratedSession>();
        for (var seed = 1; seed <= Days; seed++)
        {
            sessions.AddRange(Only(scenario, SessionsPerDay, seed));
        }

        for (var seed = 1; seed <= StreamedDays; seed++)
        {
            sessions.AddRange(Streamed(scenario, SessionsPerDay, seed, seconds: 60));
        }

        return sessions;
    }

    /// <summary>What the findings cell claims; unknown rule ids and missing severities are reported in <paramref name="errors"/>.</summary>
    private static List<Claim> Claims(string cell, out List<string> errors)
    {
        errors = [];
        var claims = new List<Claim>();
        foreach (Match m in ClaimPattern().Matches(cell))
        {
            var ruleId = m.Groups["id"].Value;
            if (!RuleIds.All.Contains(ruleId, StringComparer.Ordinal))
            {
                errors.Add($"`{ruleId}` is not a rule id of the catalogue");
                continue;
            }

            if (m.Groups["no"].Success)
            {
                claims.Add(new Claim(ruleId, Severity.Info, Never: true, InSomeSessions: false));
                continue;
            }

            var note = m.Groups["note"].Success ? m.Groups["note"].Value : "";
            var word = note.Split(',', 2)[0].Trim();
            if (!Enum.TryParse<Severity>(word, ignoreCase: true, out var severity) || !Enum.IsDefined(severity))
            {
                errors.Add($"`{ruleId}` has no severity: write `{ruleId}` (info|warning|critical[, in some sessions: why])");
                continue;
            }

            var inSome = note.Contains("in some sessions", StringComparison.OrdinalIgnoreCase)
                || note.Contains("sometimes", StringComparison.OrdinalIgnoreCase);
            claims.Add(new Claim(ruleId, severity, Never: false, InSomeSessions: inSome));
        }

        return claims;
    }

    /// <summary>The rows of the scenario table: the scenario (first column) and the findings (last column).</summary>
    private static List<(Scenario Scenario, string Findings)> ScenarioTable()
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryRoot(), "docs", "simulator.md"));
        var heading = Array.FindIndex(lines, l => l.Trim() == TableHeading);
        heading.ShouldBeGreaterThanOrEqualTo(0, $"heading \"{TableHeading}\" not found in docs/simulator.md");

        var table = lines.Skip(heading + 1)
            .SkipWhile(l => !l.TrimStart().StartsWith('|'))
            .TakeWhile(l => l.TrimStart().StartsWith('|'))
            .Select(Cells)
            .ToList();
        table.Count.ShouldBeGreaterThan(2, "the scenario table is missing");
        table[0][0].ShouldBe("scenario");
        table[0].Length.ShouldBeGreaterThan(1);

        var rows = new List<(Scenario, string)>();
        foreach (var cells in table.Skip(2))
        {
            cells.Length.ShouldBe(table[0].Length, string.Join(" | ", cells));
            var name = cells[0].Trim('`');
            Enum.TryParse<Scenario>(name, out var scenario).ShouldBeTrue($"`{name}` is not a scenario");
            rows.Add((scenario, cells[^1]));
        }

        return rows;
    }

    private static string[] Cells(string line)
    {
        var inner = line.Trim();
        inner = inner[1..^(inner.EndsWith('|') ? 1 : 0)];
        return [.. CellSeparator().Split(inner).Select(c => c.Trim())];
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Functions.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Functions.sln not found above the test output.");
    }

    private static string Word(Severity severity) => severity.ToString().ToLowerInvariant();

    // `RULE-ID`, optionally preceded by "no " (never raised) and followed by "(severity, note)".
    [GeneratedRegex(@"(?<no>\bno\s+)?`(?<id>[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+)`(?:\s*\((?<note>[^)]*)\))?")]
    private static partial Regex ClaimPattern();

    // A table cell boundary: a pipe not escaped as \|.
    [GeneratedRegex(@"(?<!\\)\|")]
    private static partial Regex CellSeparator();

    private sealed record Claim(string RuleId, Severity Severity, bool Never, bool InSomeSessions);
}
