using InfusionAudit.Domain.Findings;
using Shouldly;
using Xunit;

namespace InfusionAudit.Domain.Tests.Rules;

public sealed class SeverityOrderTests
{
    [Fact]
    public void RanksRiseFromInfoToCriticalAsTheIndexTablesStoreThem()
    {
        SeverityOrder.Rank(Severity.Info).ShouldBe(1);
        SeverityOrder.Rank(Severity.Warning).ShouldBe(2);
        SeverityOrder.Rank(Severity.Critical).ShouldBe(3);
    }

    [Fact]
    public void StoredNamesRankAsTheirSeverity()
    {
        foreach (var severity in Enum.GetValues<Severity>())
        {
            SeverityOrder.Rank(SeverityOrder.Name(severity)).ShouldBe(SeverityOrder.Rank(severity));
        }
    }

    [Fact]
    public void NoneOrAnUnknownNameRanksZero()
    {
        SeverityOrder.Rank((string?)null).ShouldBe(0);
        SeverityOrder.Rank("fatal").ShouldBe(0);
        SeverityOrder.Rank("Critical").ShouldBe(0);
    }

    [Fact]
    public void NamesAreInRisingOrder()
    {
        SeverityOrder.Names.ShouldBe(["info", "warning", "critical"]);
        SeverityOrder.Names.Select(SeverityOrder.Rank).ShouldBe([1, 2, 3]);
    }
}
