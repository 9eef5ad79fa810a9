using System.Reflection;
using System.Text.RegularExpressions;
using InfusionAudit.Domain.Contract;
using InfusionAudit.Domain.Sessions;
using Shouldly;
using Xunit;

namespace InfusionAudit.Domain.Tests.Contract;

/// <summary>
/// Every input is accounted for (issue 14 item 6): a producer matches on a rejection's rule name, so every name the
/// code produces is in the contract's table, and a misspelt payload field is named next to the field it misses.
/// </summary>
public sealed partial class RejectionRuleDocsTests
{
    [Fact]
    public void EveryRejectionRuleNameInUseIsInTheContractsRuleTable()
    {
        var documented = DocumentedRuleNames();

        foreach (var name in RuleNamesInUse())
        {
            documented.ShouldContain(name, $"rule '{name}' is produced but not in docs/event-contract.md, \"### Rule names\"");
        }
    }

    [Fact]
    public void NoRejectionIsMadeWithARuleNameWrittenOutInPlace()
    {
        // A literal would escape the table check above: every rule name is a named constant.
        var literals = Directory.GetFiles(Path.Combine(RepositoryRoot(), "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => LiteralRule().Matches(File.ReadAllText(f)).Select(m => $"{Path.GetFileName(f)}: {m.Value}"))
            .ToList();

        literals.ShouldBeEmpty();
    }

    [Fact]
    public void TheContractStatesTheScopeOfEventIdUniquenessTheBackendEnforces()
    {
        var envelopeRow = File.ReadAllLines(ContractPath()).Single(l => l.StartsWith("| `eventId` |", StringComparison.Ordinal));

        envelopeRow.ShouldNotContain("globally unique");
        envelopeRow.ShouldContain("unique within its session");
    }

    [Fact]
    public void AnUnknownPayloadFieldNextToAMissingRequiredOneIsNamed()
    {
        var rejection = TestEvents.SessionStartedIv().Without("payload.weightKg").With("payload.weightkg", 70).Rejected();

        rejection.Field.ShouldBe("payload.weightKg");
        rejection.Rule.ShouldBe(ContractRule.Required);
        rejection.Message.ShouldContain("'payload.weightkg'");
    }

    [Theory]
    [InlineData("\\udc00weight")] // a lone low surrogate
    [InlineData("weight\\ud800")] // a high surrogate with no low one after it
    public void AnUnknownPayloadFieldWhoseNameIsNotValidTextIsCountedNotThrownOn(string escapedName)
    {
        var json = TestEvents.SessionStartedIv().Without("payload.weightKg").Json()
            .Replace("\"payload\":{", "\"payload\":{\"" + escapedName + "\":70,", StringComparison.Ordinal);

        var rejection = TestEvents.Rejected(json);

        rejection.Field.ShouldBe("payload.weightKg");
        rejection.Rule.ShouldBe(ContractRule.Required);
        rejection.Message.ShouldContain("a name that is not valid Unicode text");
    }

    [Fact]
    public void AnUnknownPayloadFieldIsNamedWhenOneOfAPairIsMissing()
    {
        var rejection = TestEvents.Of(EventType.InfusionRateChanged).Without("payload.rateMlPerHour").With("payload.rateMlPerHr", 10).Rejected();

        rejection.Rule.ShouldBe(ContractRule.ExactlyOneOf);
        rejection.Message.ShouldContain("'payload.rateMlPerHr'");
    }

    [Fact]
    public void UnknownPayloadFieldsAreStillIgnoredWhenNothingIsMissing()
    {
        var accepted = TestEvents.SessionStartedIv().With("payload.ward", "3B").Accepted();

        accepted.EventId.ShouldBe("p17-000123");
    }

    private static IEnumerable<string> RuleNamesInUse() =>
        typeof(ContractRule).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Concat(typeof(SessionIntake).GetFields(BindingFlags.Public | BindingFlags.Static))
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!);

    private static HashSet<string> DocumentedRuleNames()
    {
        var lines = File.ReadAllLines(ContractPath());
        var start = Array.IndexOf(lines, "### Rule names");
        start.ShouldBeGreaterThanOrEqualTo(0, "heading \"### Rule names\" not found in docs/event-contract.md");
        return
        [
            .. lines.Skip(start + 1).SkipWhile(l => !l.StartsWith('|')).TakeWhile(l => l.StartsWith('|'))
                .Select(l => TableName().Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value),
        ];
    }

    private static string ContractPath() => Path.Combine(RepositoryRoot(), "docs", "event-contract.md");

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Functions.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Functions.sln not found above the test output.");
    }

    [GeneratedRegex(@"^\| `([a-z0-9-]+)` \|")]
    private static partial Regex TableName();

    [GeneratedRegex(@"new EventRejection\([^;]*?""[a-z]+(-[a-z]+)*""")]
    private static partial Regex LiteralRule();
}
