using System.Xml.Linq;
using InfusionAudit.Simulator.Load;
using InfusionAudit.Simulator.Transport;
using InfusionAudit.Testing;

namespace InfusionAudit.Simulator.Tests.Load;

/// <summary>The soak (issue 11): its verdicts, its report and chart, and a short real run through a local host.</summary>
public sealed class SoakTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly SoakOptions TenMinutes = new()
    {
        EventsPerSecond = 1_000,
        Duration = TimeSpan.FromMinutes(10),
        BatchSize = 100,
        Start = new DateTimeOffset(2026, 12, 3, 8, 0, 0, TimeSpan.Zero),
        RunId = "sk-test",
    };

    private static SoakReport Report(Func<int, int?> backlogAt, double workingSetMb = 200, TimeSpan? drain = null, SoakOptions? options = null)
    {
        options ??= TenMinutes;
        var samples = Enumerable.Range(0, 121)
            .Select(i => new SoakSample(TimeSpan.FromSeconds(5 * i), 5_000L * i, 5_000L * i, backlogAt(i), workingSetMb, 80, 900))
            .ToList();
        return new SoakReport(options, samples, 600_000, 6_000, 0, TimeSpan.FromMinutes(10), drain ?? TimeSpan.FromSeconds(2), new PipelineCounters(60_000, 600_000, 600_000, 0, 0, 6_000));
    }

    [Fact]
    public void ABacklogThatWandersAroundAConstantIsFlat()
    {
        var report = Report(i => i % 2 == 0 ? 3 : 9);

        report.Failures.ShouldBeEmpty();
        Math.Abs(report.BacklogGrowthMessages).ShouldBeLessThan(1);
    }

    [Fact]
    public void ABacklogGrowingByTwoMessagesAMinuteIsNotFlat()
    {
        // From minute 1 to minute 10 it grows by 18 messages: under the 100-message (10 s of input) limit at 10 msg/s.
        Report(i => i * 2 / 12).Failures.ShouldBeEmpty();

        // 20 messages a minute: 180 over the fitted nine minutes, more than 10 s of input.
        var report = Report(i => i * 20 / 12);
        report.BacklogGrowthMessages.ShouldBe(180, tolerance: 2);
        report.Failures.ShouldHaveSingleItem().ShouldContain("the backlog grew by 18");
    }

    [Fact]
    public void AWorkingSetAtTheLimitASlowDrainAndMissingSamplesAreEachATargetMissed()
    {
        Report(_ => 1, workingSetMb: 300).Failures.ShouldHaveSingleItem().ShouldContain("working set reached 300 MiB (limit 300 MiB)");
        Report(_ => 1, drain: TimeSpan.FromSeconds(45)).Failures.ShouldHaveSingleItem().ShouldContain("45 s to drain");
        Report(_ => null).Failures.ShouldHaveSingleItem().ShouldContain("too few backlog samples");
    }

    [Fact]
    public void TheLatencyOfAnIntervalIsTheDifferenceOfTwoCumulativeHistograms()
    {
        var before = new LatencyReading(100, 0, 0, 0, 50, [new(8, 60), new(16, 40)]);
        var after = new LatencyReading(300, 0, 0, 0, 900, [new(8, 60), new(16, 140), new(512, 99), new(1024, 1)]);

        var window = LatencyReading.Between(before, after);

        window.Count.ShouldBe(200);
        window.Buckets.ShouldBe([new(16, 100), new(512, 99), new(1024, 1)]);
        window.P50Ms.ShouldBe(16);
        window.P95Ms.ShouldBe(512);
        window.P99Ms.ShouldBe(512);
        window.MaxMs.ShouldBe(900);
    }

    [Fact]
    public void TheMarkdownSectionReplacesThePreviousRunAndKeepsTheRestOfTheDocument()
    {
        var first = SoakMarkdown.Section(Report(_ => 2), new DateTimeOffset(2026, 12, 4, 13, 0, 0, TimeSpan.Zero), "2 cores", "infusion-sim soak", "soak.svg", null);
        var document = SoakMarkdown.Replace("# Reliability\n\n## Soak\n", first) + "\n## After\ntext\n";
        var second = SoakMarkdown.Section(Report(_ => 2, workingSetMb: 310), new DateTimeOffset(2026, 12, 5, 13, 0, 0, TimeSpan.Zero), "2 cores", "infusion-sim soak", "soak.svg", null);

        var replaced = SoakMarkdown.Replace(document, second);

        replaced.ShouldContain("2026-12-05 13:00");
        replaced.ShouldNotContain("2026-12-04 13:00");
        replaced.ShouldContain("targets missed");
        replaced.ShouldStartWith("# Reliability\n\n## Soak\n");
        replaced.ShouldEndWith("## After\ntext\n");
        first.ShouldContain("**Result: every target held.**");
        first.ShouldContain("![Soak: queue backlog, host working set and p99 ingest latency over time](soak.svg)");
    }

    [Fact]
    public void TheChartIsWellFormedSvgWithOneLinePerPanelAndTheWorkingSetLimit()
    {
        var svg = XDocument.Parse(SoakChart.Svg(Report(i => i % 7), "Soak <test>"));
        XNamespace ns = "http://www.w3.org/2000/svg";

        svg.Descendants(ns + "polyline").Count().ShouldBe(3);
        svg.Descendants(ns + "text").Select(t => t.Value).ShouldContain("limit 300");
        svg.Descendants(ns + "text").First().Value.ShouldBe("Soak <test>");
    }

    [Fact]
    public void CpuSamplesOfTheHostAndTheStorageEmulatorAddAPanelARowAndColumns()
    {
        var plain = Report(_ => 1);
        var samples = plain.Samples.Select(x => x with { HostCpuPercent = 40, StorageCpuPercent = x.Elapsed.TotalMinutes * 10, StorageResidentMb = 500 }).ToList();
        var report = plain with { Samples = samples };

        XNamespace ns = "http://www.w3.org/2000/svg";
        XDocument.Parse(SoakChart.Svg(report, "cpu")).Descendants(ns + "polyline").Count().ShouldBe(5);
        XDocument.Parse(SoakChart.Svg(plain, "no cpu")).Descendants(ns + "polyline").Count().ShouldBe(3);

        // While sending (0-10 min) the storage CPU climbs 0..100: mean 50, max 100.
        var section = SoakMarkdown.Section(report, new DateTimeOffset(2026, 12, 4, 18, 0, 0, TimeSpan.Zero), "2 cores", "infusion-sim soak", null, null);
        section.ShouldContain("host 40 / 40 %; storage emulator 50 / 100 %, resident max 500 MiB");
        SoakMarkdown.Section(plain, DateTimeOffset.UnixEpoch, "", "", null, null).ShouldNotContain("storage emulator");

        var csv = SoakMarkdown.Csv(report).Split('\n');
        csv[0].ShouldEndWith(",host_cpu_percent,storage_cpu_percent,storage_resident_mib");
        csv[^2].ShouldEndWith(",40,100,500");
    }

    [Fact]
    public void AProcessProbeReadsCpuTimeAndResidentMemoryAndReportsAGoneProcessAsUnread()
    {
        var probe = new ProcessProbe([Environment.ProcessId], TimeProvider.System);
        var before = probe.Read().ShouldNotBeNull();
        // Burn 200 ms of CPU (by the runtime's own count, not the wall clock: the machine may be busy).
        var cpuBefore = Environment.CpuUsage.TotalTime;
        while (Environment.CpuUsage.TotalTime - cpuBefore < TimeSpan.FromMilliseconds(200))
        {
        }

        var after = probe.Read().ShouldNotBeNull();
        after.ResidentBytes.ShouldBeInRange(Environment.WorkingSet - (64L << 20), Environment.WorkingSet + (64L << 20));
        (after.Cpu - before.Cpu).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(190));
        probe.CpuPercent(before, after).ShouldNotBeNull().ShouldBeGreaterThan(0);
        probe.CpuPercent(null, after).ShouldBeNull();

        using var gone = System.Diagnostics.Process.Start("true")!;
        gone.WaitForExit();
        new ProcessProbe([gone.Id], TimeProvider.System).Read().ShouldBeNull();
        new ProcessProbe([Environment.ProcessId, gone.Id], TimeProvider.System).Read().ShouldBeNull();
    }

    [Fact]
    public async Task AShortSoakThroughARealHostSeesEveryEventItsLatencyAndItsMemory()
    {
        await using var host = await TestHost.StartAsync();
        await using var sender = new QueueSender(Azurite.ConnectionString, host.EventsQueue);
        using var counters = new CountersClient(host.BaseAddress, TestKeys.Auditor);
        var samples = new List<SoakSample>();
        var options = new SoakOptions
        {
            EventsPerSecond = 200,
            Duration = TimeSpan.FromSeconds(8),
            SampleEvery = TimeSpan.FromSeconds(2),
            ChunkEvery = TimeSpan.FromSeconds(4),
            WarmUp = TimeSpan.Zero,
            Chairs = 6,
            Start = new DateTimeOffset(2026, 12, 3, 8, 0, 0, TimeSpan.Zero),
            RunId = "t" + Guid.NewGuid().ToString("N")[..9],
        };

        // The test host runs in this process: its CPU is what the probe reads.
        var self = new ProcessProbe([Environment.ProcessId], TimeProvider.System);
        var report = await new SoakRunner(sender, counters, new QueueBacklogProbe(Azurite.ConnectionString, host.EventsQueue), samples.Add, TimeProvider.System, hostProcess: self)
            .RunAsync(options, Ct);

        report.Drain.ShouldNotBeNull("every sent event reached the host within the drain timeout");
        report.EventsSent.ShouldBeInRange(1_400, 1_700);
        report.Counters.EventsReceived.ShouldBe(report.EventsSent);
        report.Counters.EventsRejected.ShouldBe(0);
        report.Counters.IngestLatency.ShouldNotBeNull().Count.ShouldBe(report.MessagesSent);
        report.Counters.WorkingSetBytes.ShouldBeGreaterThan(10L * 1024 * 1024);
        samples.Count.ShouldBeGreaterThanOrEqualTo(3);
        samples.ShouldAllBe(s => s.BacklogMessages != null);
        samples.ShouldAllBe(s => s.HostCpuPercent > 0 && s.StorageCpuPercent == null);
        report.Samples[^1].EventsReceived.ShouldBe(report.EventsSent);
    }
}
