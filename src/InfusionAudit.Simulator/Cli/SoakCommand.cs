using System.CommandLine;
using System.Globalization;
using InfusionAudit.Simulator.Load;
using InfusionAudit.Simulator.Transport;
using Spectre.Console;

namespace InfusionAudit.Simulator.Cli;

/// <summary><c>soak</c>: a long steady load over the queue, watching backlog, memory and latency (not part of CI).</summary>
public static class SoakCommand
{
    public static Command Create(GlobalOptions globals, CliContext context, IReadOnlyList<string> commandLine)
    {
        ArgumentNullException.ThrowIfNull(globals);
        ArgumentNullException.ThrowIfNull(context);
        var rate = new Option<int>("--rate") { Description = "Events per second offered, paced evenly.", DefaultValueFactory = _ => 1_000 };
        var minutes = new Option<double>("--minutes") { Description = "How long events are offered.", DefaultValueFactory = _ => 10 };
        var batch = new Option<int>("--batch") { Description = "Events per message.", DefaultValueFactory = _ => 100 };
        var parallel = new Option<int>("--parallel") { Description = "Messages in flight at most.", DefaultValueFactory = _ => MessageDispatcher.DefaultMaxInFlight };
        var sampleEvery = new Option<int>("--sample-every") { Description = "Seconds between samples.", DefaultValueFactory = _ => 5 };
        var chairs = new Option<int>(ChairsOption.Name) { Description = "Chairs per simulated clinic day.", DefaultValueFactory = _ => 50 };
        var monitorEvery = new Option<int?>(MonitorEveryOption.Name)
        {
            Description = "Monitor streaming interval, seconds (default 60: the dense, connected-monitor clinic; 0: sparse vitals).",
            DefaultValueFactory = _ => 60,
        };
        var seed = new Option<int>("--seed") { Description = "Generator seed.", DefaultValueFactory = _ => 1 };
        var runId = new Option<string?>("--run-id") { Description = "Id prefix of this run (default: 'sk' and the UTC time)." };
        var maxWorkingSet = new Option<int>("--max-working-set-mb") { Description = "The host's working set limit, MiB.", DefaultValueFactory = _ => 300 };
        var svg = new Option<string?>("--svg") { Description = "Write the chart (backlog, working set, p99 latency over time) to this SVG file." };
        var csv = new Option<string?>("--csv") { Description = "Write every sample to this CSV file." };
        var markdown = new Option<string?>("--markdown") { Description = "Write the result as a section of this Markdown file (replacing the previous soak section)." };
        var label = new Option<string?>("--label") { Description = "Machine and build, for the Markdown section." };
        var hostPid = new Option<int[]>("--host-pid") { Description = "The host's process id when it runs on this machine: its CPU is sampled too." };
        var storagePid = new Option<int[]>("--storage-pid")
        {
            Description = "The storage emulator's process ids (Azurite; repeat the option for each of its processes) when it runs on this machine: their CPU and resident memory are sampled, summed, to tell which side ran out.",
        };

        var live = new Option<bool>("--live")
        {
            Description = "Events dated as they are sent: clinics streaming live (every chair open at the start, first patients within 30 s), each clinic's gateway sending what became due every --flush-every seconds. Without it: yesterday's clean clinic days replayed at --rate.",
        };
        var clinics = new Option<int?>("--clinics") { Description = "With --live: clinics played (default: enough chairs at the monitor interval for --rate)." };
        var flushEvery = new Option<int>("--flush-every") { Description = "With --live: seconds between two sends of a clinic's gateway.", DefaultValueFactory = _ => 5 };

        var command = new Command("soak", "Offer a steady event rate over the queue for minutes; sample the queue backlog, the host's working set and its p99 ingest latency; fail (exit 4) when the backlog grows, the drain is slow or memory passes its limit.");
        foreach (var option in new Option[] { rate, minutes, batch, parallel, sampleEvery, chairs, monitorEvery, seed, runId, maxWorkingSet, svg, csv, markdown, label, hostPid, storagePid, live, clinics, flushEvery })
        {
            command.Add(option);
        }

        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(context, async () =>
        {
            var now = context.Time.GetUtcNow();
            var options = new SoakOptions
            {
                EventsPerSecond = result.GetValue(rate) is var r and > 0 ? r : throw new ArgumentException("--rate must be positive."),
                Duration = result.GetValue(minutes) is var m and > 0 ? TimeSpan.FromMinutes(m) : throw new ArgumentException("--minutes must be positive."),
                BatchSize = result.GetValue(batch) is var b and >= 1 and <= Batching.BatcherOptions.ContractMaxEvents ? b : throw new ArgumentException($"--batch must be between 1 and {Batching.BatcherOptions.ContractMaxEvents}."),
                MaxInFlight = result.GetValue(parallel) is var p and >= 1 and <= 256 ? p : throw new ArgumentException("--parallel must be between 1 and 256."),
                SampleEvery = result.GetValue(sampleEvery) is var e and >= 1 ? TimeSpan.FromSeconds(e) : throw new ArgumentException("--sample-every must be at least 1."),
                Chairs = ChairsOption.Check(result.GetValue(chairs)),
                MonitorEvery = result.GetValue(monitorEvery) is 0 ? null : MonitorEveryOption.Resolve(result.GetValue(monitorEvery)),
                Seed = result.GetValue(seed),
                Start = StartTimeOption.DefaultDayStart(context.Time),
                RunId = result.GetValue(runId) ?? "sk" + now.UtcDateTime.ToString("yyMMddHHmm", CultureInfo.InvariantCulture),
                MaxWorkingSetBytes = result.GetValue(maxWorkingSet) is var w and > 0 ? w * 1024L * 1024 : throw new ArgumentException("--max-working-set-mb must be positive."),
                Live = result.GetValue(live),
                Clinics = result.GetValue(clinics) is { } c ? (c is >= 1 and <= 999 ? c : throw new ArgumentException("--clinics must be between 1 and 999.")) : null,
                FlushEvery = result.GetValue(flushEvery) is var f and >= 1 ? TimeSpan.FromSeconds(f) : throw new ArgumentException("--flush-every must be at least 1."),
            };

            var settings = globals.Resolve(result, context.Environment);
            await using var sender = settings.CreateSender(TransportKind.Queue);
            using var counters = new CountersClient(settings.Url, settings.ReadKey);
            var backlog = new QueueBacklogProbe(settings.StorageConnectionString, settings.QueueName);
            context.Console.WriteLine(options.Live
                ? $"soak {options.RunId} (live): {LiveFeed.LiveClinics(options)} clinics of {options.Chairs} chairs for about {options.EventsPerSecond} events/s, each gateway sending every {options.FlushEvery.TotalSeconds:F0} s"
                : $"soak {options.RunId}: {options.EventsPerSecond} events/s for {options.Duration.TotalMinutes:0.#} min in batches of {options.BatchSize} "
                + $"to {sender.Destination}; sampling every {options.SampleEvery.TotalSeconds:F0} s");

            var hostProcess = Probe(result.GetValue(hostPid), "--host-pid", context.Time);
            var storageProcess = Probe(result.GetValue(storagePid), "--storage-pid", context.Time);
            var runner = new SoakRunner(sender, counters, backlog, sample => context.Console.WriteLine(ProgressLine(sample)), context.Time, hostProcess, storageProcess);
            var report = await runner.RunAsync(options, cancellationToken);

            var svgPath = result.GetValue(svg);
            var csvPath = result.GetValue(csv);
            if (svgPath is { Length: > 0 })
            {
                await File.WriteAllTextAsync(svgPath, SoakChart.Svg(report, $"Soak {options.RunId}: {options.EventsPerSecond} events/s for {options.Duration.TotalMinutes:0.#} min"), cancellationToken);
                context.Console.WriteLine($"chart written to {svgPath}");
            }

            if (csvPath is { Length: > 0 })
            {
                await File.WriteAllTextAsync(csvPath, SoakMarkdown.Csv(report), cancellationToken);
            }

            var commandText = CommandLineText.Format("infusion-sim", commandLine);
            if (result.GetValue(markdown) is { Length: > 0 } path)
            {
                var directory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
                string? Relative(string? file) => file is { Length: > 0 } ? Path.GetRelativePath(directory, Path.GetFullPath(file)).Replace('\\', '/') : null;
                var section = SoakMarkdown.Section(report, now, result.GetValue(label) ?? "", commandText, Relative(svgPath), Relative(csvPath));
                var existing = File.Exists(path) ? await File.ReadAllTextAsync(path, cancellationToken) : null;
                await File.WriteAllTextAsync(path, SoakMarkdown.Replace(existing, section), cancellationToken);
                context.Console.WriteLine($"section written to {path}");
            }

            var failures = report.Failures;
            context.Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"offered {report.OfferedRate:F0} events/s, backlog max {report.MaxBacklog} messages, working set max {report.MaxWorkingSetMb:F0} MiB, "
                + $"p99 {report.Counters.IngestLatency?.P99Ms ?? 0:F0} ms, drain {(report.Drain is { } d ? d.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture) + " s" : "timed out")}"));
            foreach (var failure in failures)
            {
                await context.Error.WriteLineAsync($"target missed: {failure}");
            }

            return failures.Count == 0 ? ExitCodes.Success : ExitCodes.TargetMissed;
        }));
        return command;
    }

    private static string ProgressLine(SoakSample sample)
    {
        var c = CultureInfo.InvariantCulture;
        var line = string.Create(c,
            $"  {sample.Elapsed.TotalSeconds,6:F0} s  sent {sample.EventsSent,9:N0}  received {sample.EventsReceived,9:N0}  backlog {sample.BacklogMessages?.ToString(c) ?? "?",6}  "
            + $"working set {sample.WorkingSetMb,6:F0} MiB  p99 {(sample.P99Ms is { } ms ? ms.ToString("F0", c) + " ms" : "-")}");
        if (sample.HostCpuPercent is { } host)
        {
            line += string.Create(c, $"  host cpu {host,4:F0} %");
        }

        if (sample.StorageCpuPercent is { } storage)
        {
            line += string.Create(c, $"  storage cpu {storage,4:F0} % rss {sample.StorageResidentMb ?? 0,5:F0} MiB");
        }

        return line;
    }

    private static ProcessProbe? Probe(int[]? processIds, string option, TimeProvider time)
    {
        if (processIds is not { Length: > 0 })
        {
            return null;
        }

        var probe = processIds.All(id => id > 0) ? new ProcessProbe(processIds, time) : throw new ArgumentException($"{option} must be a positive process id.");
        return probe.Read() is null
            ? throw new ArgumentException($"{option} {string.Join(' ', processIds)}: not every process can be read on this machine.")
            : probe;
    }
}
