using System.Text.Json.Nodes;
using InfusionAudit.Domain.Contract;
using InfusionAudit.Domain.Protocols;
using InfusionAudit.Domain.Tests.Builders;
using Shouldly;
using Xunit;

namespace InfusionAudit.Domain.Tests.Protocols;

public sealed class ProtocolLibraryTests
{
    [Fact]
    public void TheRepositoryFolderLoadsTheThreeDefaultProtocols()
    {
        var library = TestProtocols.Library;

        library.ProtocolIds.ShouldBe([TestProtocols.InId, TestProtocols.IvId, TestProtocols.ScId]);
        library.Fallback.Id.ShouldBe(TestProtocols.IvId);
    }

    [Fact]
    public void TheIvProtocolCarriesTheClinicalRulesNumbers()
    {
        var iv = TestProtocols.Library.Find(TestProtocols.IvId)!;

        iv.Version.ShouldBe(1);
        iv.Route.ShouldBe(Route.IV);
        iv.DosePerWeight!.Soft.Min.MilligramsPerKilogram.ShouldBe(0.5);
        iv.DosePerWeight.Soft.Max.MilligramsPerKilogram.ShouldBe(1.0);
        iv.DosePerWeight.Hard.Min.MilligramsPerKilogram.ShouldBe(0.1);
        iv.DosePerWeight.Hard.Max.MilligramsPerKilogram.ShouldBe(2.0);
        iv.Duration!.Soft.ShouldBe(new ValueRange<TimeSpan>(TimeSpan.FromMinutes(35), TimeSpan.FromMinutes(60)));
        iv.Duration.Hard.ShouldBe(new ValueRange<TimeSpan>(TimeSpan.FromMinutes(20), TimeSpan.FromMinutes(120)));
        iv.Rate!.SoftMax.MilligramsPerKilogramPerHour.ShouldBe(1.5);
        iv.Rate.HardMax.MilligramsPerKilogramPerHour.ShouldBe(3.0);
        iv.RateDeviation.ShouldBe(new RateDeviationThresholds(10, TimeSpan.FromMinutes(2)));
        iv.ConcentrationHard!.Value.Min.MilligramsPerMillilitre.ShouldBe(0.1);
        iv.ConcentrationHard.Value.Max.MilligramsPerMillilitre.ShouldBe(10);
        iv.ObservationMinimum.ShouldBe(TimeSpan.FromMinutes(30)); // catalogue v2: IV 30 min after the last dose (clinic default)
        iv.PlausibleWeight.Min.Kilograms.ShouldBe(30);
        iv.PlausibleWeight.Max.Kilograms.ShouldBe(250);
        iv.Delivery.OverDeliveryAbovePercent.ShouldBe(10);
        iv.Delivery.UnderDeliveryBelowPercent.ShouldBe(90);
        iv.Delivery.PumpMismatchMin.Millilitres.ShouldBe(1);
        iv.Delivery.PumpMismatchPercent.ShouldBe(5);
        iv.Timing.ShouldBe(new TimingThresholds(
            TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(5),
            TimeSpan.FromHours(24), TimingThresholds.DefaultAbandonAfter));
        iv.Vitals.BpCriticalPairWithin.ShouldBe(TimeSpan.FromMinutes(10));
        iv.Vitals.HrCriticalSustainedFor.ShouldBe(TimeSpan.FromMinutes(5));
    }

    [Fact]
    public void TheEsketamineProtocolIsFixedDoseWithObservationAndSpacing()
    {
        var esketamine = TestProtocols.Library.Find(TestProtocols.InId)!;

        esketamine.Route.ShouldBe(Route.IN);
        esketamine.DosePerWeight.ShouldBeNull();
        esketamine.FixedDose!.Allowed.Select(d => d.Milligrams).ShouldBe([28.0, 56.0, 84.0]);
        esketamine.FixedDose.HardMax.Milligrams.ShouldBe(84);
        esketamine.Elderly!.AgeYearsAtLeast.ShouldBe(65);
        esketamine.Elderly.FirstSessionDose.Milligrams.ShouldBe(28);
        esketamine.ObservationMinimum.ShouldBe(TimeSpan.FromMinutes(120));
        esketamine.DeviceSpacingMinimum.ShouldBe(TimeSpan.FromMinutes(5));
        esketamine.Duration.ShouldBeNull();
        esketamine.Rate.ShouldBeNull();
    }

    [Fact]
    public void AHigherVersionBecomesTheLatestAndOldVersionsStayFindable()
    {
        var v2 = TestProtocols.Node(TestProtocols.IvId);
        v2["version"] = 2;
        v2["rateMgPerKgPerHour"]!["softMax"] = 1.2;

        var library = TestProtocols.LibraryWith(("protocols/ketamine-iv-depression.v2.json", v2));

        library.Find(TestProtocols.IvId)!.Version.ShouldBe(2);
        library.Find(TestProtocols.IvId)!.Rate!.SoftMax.MilligramsPerKilogramPerHour.ShouldBe(1.2);
        library.Find(TestProtocols.IvId, 1)!.Rate!.SoftMax.MilligramsPerKilogramPerHour.ShouldBe(1.5);
        library.Find(TestProtocols.IvId, 3).ShouldBeNull();
        library.Find("no-such-protocol").ShouldBeNull();
        library.Versions(TestProtocols.IvId).Select(p => p.Version).ShouldBe([1, 2]);
    }

    [Fact]
    public void ASoftLimitAboveTheHardLimitNamesFileFieldAndValues()
    {
        var problem = LoadProblem(TestProtocols.IvId, node => node["doseMgPerKg"]!["soft"]!["max"] = 3.0);

        problem.ShouldBe("protocols/ketamine-iv-depression.v1.json: doseMgPerKg.soft.max (3.0) is above hard.max (2.0)");
    }

    [Theory]
    [InlineData("rateMgPerKgPerHour", "softMax", 4.0, "rateMgPerKgPerHour.softMax (4.0) is above hardMax (3.0)")]
    [InlineData("durationMin.soft", "min", 10.0, "durationMin.soft.min (10.0) is below hard.min (20.0)")]
    [InlineData("durationMin.hard", "min", 200.0, "durationMin.hard.min (200.0) is above durationMin.hard.max (120.0)")]
    [InlineData("vitals", "spo2CriticalBelowPercent", 95.0, "vitals.spo2CriticalBelowPercent (95.0) is above spo2LowBelowPercent (94.0)")]
    [InlineData("vitals", "hrHighAboveBpm", 130.0, "vitals.hrHighAboveBpm (130.0) is above hrCritical.sustainedAboveBpm (120.0)")]
    [InlineData("delivery", "overDeliveryAbovePercent", -1.0, "delivery.overDeliveryAbovePercent (-1.0) must be at least 0.0")]
    [InlineData("timing", "pauseLongAboveMin", 0.0, "timing.pauseLongAboveMin (0.0) must be above 0.0")]
    public void InconsistentNumbersAreRejectedWithTheirField(string section, string field, double value, string expected)
    {
        var problem = LoadProblem(TestProtocols.IvId, node =>
        {
            JsonNode target = node;
            foreach (var part in section.Split('.'))
            {
                target = target[part]!;
            }

            target[field] = value;
        });

        problem.ShouldBe("protocols/ketamine-iv-depression.v1.json: " + expected);
    }

    [Fact]
    public void AMisspeltFieldIsRejectedRatherThanIgnored()
    {
        var problem = LoadProblem(TestProtocols.IvId, node => node["timing"]!["pauseLongMin"] = 10);

        problem.ShouldBe("protocols/ketamine-iv-depression.v1.json: timing.pauseLongMin is not a known field");
    }

    [Fact]
    public void AMissingThresholdIsRejected()
    {
        var problem = LoadProblem(TestProtocols.IvId, node => node["vitals"]!["bpCritical"]!.AsObject().Remove("pairWithinMin"));

        problem.ShouldBe("protocols/ketamine-iv-depression.v1.json: vitals.bpCritical.pairWithinMin is required");
    }

    [Fact]
    public void AWrongTypeIsRejected()
    {
        var problem = LoadProblem(TestProtocols.IvId, node => node["version"] = "1");

        problem.ShouldBe("protocols/ketamine-iv-depression.v1.json: version must be an integer (got \"1\")");
    }

    [Fact]
    public void EveryWrongTypeAndUnknownFieldOfOneFileIsReportedOnceEach()
    {
        var node = TestProtocols.Node(TestProtocols.IvId);
        node["version"] = "1";
        node["timing"]!["pauseLongAboveMin"] = "10";
        node["vitals"]!["hrCritical"] = 120;
        node["delivery"]!["overDelivery"] = 10;

        var ex = Should.Throw<ProtocolLibraryException>(() => TestProtocols.LibraryWith(("protocols/ketamine-iv-depression.v1.json", node)));

        ex.Problems.ShouldBe(
            [
                "protocols/ketamine-iv-depression.v1.json: version must be an integer (got \"1\")",
                "protocols/ketamine-iv-depression.v1.json: delivery.overDelivery is not a known field",
                "protocols/ketamine-iv-depression.v1.json: timing.pauseLongAboveMin must be a number (got \"10\")",
                "protocols/ketamine-iv-depression.v1.json: vitals.hrCritical must be an object",
            ],
            ignoreOrder: true);
    }

    [Fact]
    public void TheSchemaReferenceIsAcceptedWhateverItNames()
    {
        var library = TestProtocols.LibraryWithEdited(TestProtocols.ScId, node => node["$schema"] = "https://example.org/elsewhere.json");

        library.Find(TestProtocols.ScId).ShouldNotBeNull();
    }

    [Fact]
    public void BothDoseKindsAtOnceAreRejected()
    {
        var problem = LoadProblem(TestProtocols.InId, node => node["doseMgPerKg"] = JsonNode.Parse("""{"soft":{"min":0.5,"max":1},"hard":{"min":0.1,"max":2}}"""));

        problem.ShouldBe("protocols/esketamine-in-trd.v1.json: exactly one of doseMgPerKg and fixedDoseMg is required");
    }

    [Fact]
    public void AnAllowedFixedDoseAboveTheHardMaximumIsRejected()
    {
        var problem = LoadProblem(TestProtocols.InId, node => node["fixedDoseMg"]!["hardMax"] = 56);

        problem.ShouldBe("protocols/esketamine-in-trd.v1.json: fixedDoseMg.allowed[2] (84.0) is above hardMax (56.0)");
    }

    [Fact]
    public void AnIdThatDoesNotMatchTheFileNameIsRejected()
    {
        var node = TestProtocols.Node(TestProtocols.ScId);
        node["id"] = "ketamine-sc-other";

        var ex = Should.Throw<ProtocolLibraryException>(() => TestProtocols.LibraryWith(("protocols/ketamine-sc-depression.v1.json", node)));

        ex.Message.ShouldBe("protocols/ketamine-sc-depression.v1.json: id (\"ketamine-sc-other\") does not match the file name (\"ketamine-sc-depression\")");
    }

    [Fact]
    public void TwoFilesWithTheSameIdAndVersionAreRejected()
    {
        var files = TestProtocols.Files();
        files.Add(("other/ketamine-iv-depression.v1.json", files.Single(f => f.Name.Contains(TestProtocols.IvId, StringComparison.Ordinal)).Json));

        var ex = Should.Throw<ProtocolLibraryException>(() => ProtocolLibrary.Load(files));

        ex.Message.ShouldBe("other/ketamine-iv-depression.v1.json: ketamine-iv-depression version 1 is already defined by protocols/ketamine-iv-depression.v1.json");
    }

    [Fact]
    public void InvalidJsonIsRejectedWithTheFileName()
    {
        var files = TestProtocols.Files();
        files.Add(("protocols/broken.v1.json", "{ \"id\": "));

        var ex = Should.Throw<ProtocolLibraryException>(() => ProtocolLibrary.Load(files));

        ex.Message.ShouldStartWith("protocols/broken.v1.json: not valid JSON");
    }

    [Fact]
    public void EveryProblemOfEveryFileIsReported()
    {
        var iv = TestProtocols.Node(TestProtocols.IvId);
        iv["doseMgPerKg"]!["soft"]!["max"] = 3.0;
        var sc = TestProtocols.Node(TestProtocols.ScId);
        sc["weightKg"]!["plausible"]!["min"] = 300;

        var ex = Should.Throw<ProtocolLibraryException>(() => TestProtocols.LibraryWith(
            ("protocols/ketamine-iv-depression.v1.json", iv), ("protocols/ketamine-sc-depression.v1.json", sc)));

        ex.Problems.Count.ShouldBe(2);
        ex.Problems.ShouldContain(p => p.StartsWith("protocols/ketamine-sc-depression.v1.json: weightKg.plausible.min (300.0) is above", StringComparison.Ordinal));
    }

    [Fact]
    public void ExactlyOneFallbackProtocolIsRequired()
    {
        var none = Should.Throw<ProtocolLibraryException>(() => TestProtocols.LibraryWithEdited(TestProtocols.IvId, node => node["fallbackForUnknownProtocols"] = false));
        none.Message.ShouldContain("exactly one must");

        var two = Should.Throw<ProtocolLibraryException>(() => TestProtocols.LibraryWithEdited(TestProtocols.ScId, node => node["fallbackForUnknownProtocols"] = true));
        two.Message.ShouldContain("more than one protocol");
    }

    [Fact]
    public void AMissingFolderIsReported()
    {
        var ex = Should.Throw<ProtocolLibraryException>(() => ProtocolLibrary.LoadFromDirectory("/nonexistent/protocols"));

        ex.Message.ShouldBe("/nonexistent/protocols: protocol folder not found");
    }

    private static string LoadProblem(string id, Action<JsonObject> edit)
    {
        var ex = Should.Throw<ProtocolLibraryException>(() => TestProtocols.LibraryWithEdited(id, edit));
        ex.Problems.Count.ShouldBe(1, ex.Message);
        return ex.Problems[0];
    }
}
