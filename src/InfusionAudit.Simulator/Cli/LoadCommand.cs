using System.CommandLine;
using System.Globalization;
using InfusionAudit.Simulator.Generation;
using InfusionAudit.Simulator.Load;
using Spectre.Console;

namespace InfusionAudit.Simulator.Cli;

/// <summary><c>load</c>: the pipeline throughput benchmark.</summary>
public static class LoadCommand
{
    /// <summary>Creates the command.</summary>
    /// <param name="globals">Backend location options.</param>
    /// <param name="context">Outside world.</param>
    /// <param name="commandLine">The process arguments, recorded (secrets masked) in the Markdown row.</param>
    public static Command Create(GlobalOptions globals, CliContext context, IReadOnlyList<string> commandLine)
    {
        ArgumentNullException.ThrowIfNull(globals);
        ArgumentNullException.ThrowIfNull(context);
        var send = new SendOptions(defaultBatch: 100);
        var events = new Option<int>("--events")
        {
            Description = "Events to send (whole sessions, so slightly more).",
            DefaultValueFactory = _ => 20_000,
        };
        var timeout = new Option<int>("--timeout")
        {
            Description = "Seconds from the first send to wait for the host to receive every event; exit code 3 when exceeded.",
            DefaultValueFactory = _ => 300,
        };
        var chairs = new Option<int?>(ChairsOption.Name)
        {
            Description = $"Treatment chairs, i.e. sessions in progress at once, interleaved in the messages (default: events ÷ 400, 6–{ClinicDayOptions.MaxChairs}).",
        };
        var monitorEvery = MonitorEveryOption.Create();
        var seed = new Option<int>("--seed") { Description = "Generator seed.", DefaultValueFactory = _ => 1 };
        var clinic = new Option<string>("--clinic") { Description = "Clinic id of the load sessions.", DefaultValueFactory = _ => "load-01" };
        var runId = new Option<string?>("--run-id") { Description = "Id prefix of this run (default: 'ld' and the UTC time, e.g. ld261126T153000.)." };
        var start = StartTimeOption.Create("Device time of the first session (default: yesterday 08:00 UTC).");
        var markdown = new Option<string?>("--markdown") { Description = "Append the result as a row to the table under '" + BenchmarkTable.Heading + "' in this Markdown file." };
        var label = new Option<string?>("--label") { Description = "Label for the Markdown row (machine, build, change under test)." };

        var command = new Command("load", "Benchmark the pipeline: send a burst of sessions, wait until the host has received them, report rates and storage requests per event.");
        command.Add(events);
        send.AddTo(command);
        command.Add(chairs);
        command.Add(monitorEvery);
        command.Add(timeout);
        command.Add(seed);
        command.Add(clinic);
        command.Add(runId);
        command.Add(start);
        command.Add(markdown);
        command.Add(label);
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(context, async () =>
        {
            var now = context.Time.GetUtcNow();
            var options = new LoadOptions
            {
                Events = result.GetValue(events) is var n and > 0 ? n : throw new ArgumentException("--events must be positive."),
                BatchSize = result.GetValue(send.Batch),
                ClinicId = result.GetValue(clinic) ?? "load-01",
                Seed = result.GetValue(seed),
                Start = result.GetValue(start) ?? StartTimeOption.DefaultDayStart(context.Time),
                RunId = result.GetValue(runId) ?? "ld" + now.UtcDateTime.ToString("yyMMdd'T'HHmmss", CultureInfo.InvariantCulture) + ".",
                Timeout = result.GetValue(timeout) is var t and > 0 ? TimeSpan.FromSeconds(t) : throw new ArgumentException("--timeout must be positive."),
                MaxInFlight = result.GetValue(send.Parallel),
                Chairs = result.GetValue(chairs) is { } c ? ChairsOption.Check(c) : null,
                MonitorEvery = MonitorEveryOption.Resolve(result.GetValue(monitorEvery)),
                DeviceFormat = send.ResolveDeviceFormat(result),
            };

            var settings = globals.Resolve(result, context.Environment);
            var transport = result.GetValue(send.Transport);
            await using var sender = settings.CreateSender(transport, result.GetValue(send.MllpPort));
            using var counters = new CountersClient(settings.Url, settings.ReadKey);
            var chairCount = options.Chairs ?? LoadOptions.DefaultChairs(options.Events);
            var monitor = (options.MonitorEvery is { } every ? $"monitor every {every.TotalSeconds} s" : "sparse vitals")
                + (options.DeviceFormat == Hl7.DeviceFormat.Hl7 ? ", pumps and monitors in HL7" : "");
            context.Console.WriteLine(
                $"run {options.RunId}: {options.Events} events in batches of {options.BatchSize}, {chairCount} chairs, {monitor}, "
                + $"to {sender.Destination}; counters at {counters.Endpoint}");

            LoadReport report;
            try
            {
                report = await new LoadRunner(sender, counters, context.Progress, context.Time).RunAsync(options, cancellationToken);
            }
            catch (HttpRequestException ex)
            {
                throw new HttpRequestException($"Cannot read the host's counters at {counters.Endpoint}: {ex.Message}", ex);
            }

            SummaryPrinter.PrintLoad(context.Console, report);

            if (result.GetValue(markdown) is { Length: > 0 } path)
            {
                var row = BenchmarkTable.Row(
                    now,
                    result.GetValue(label) ?? "",
                    transport.ToString().ToLowerInvariant() + (options.DeviceFormat == Hl7.DeviceFormat.Hl7 ? ", devices HL7" : ""),
                    report,
                    CommandLineText.Format("infusion-sim", commandLine));
                await BenchmarkTable.AppendRowToFileAsync(path, row, cancellationToken);
                context.Console.WriteLine($"row appended to {path}");
            }

            if (report.TimedOut)
            {
                await context.Error.WriteLineAsync(
                    $"timeout: the host received {report.Processed.EventsReceived} of {report.Events} events within {options.Timeout.TotalSeconds} s.");
                return ExitCodes.Timeout;
            }

            return report.SendFailures > 0 ? ExitCodes.SendFailed : ExitCodes.Success;
        }));
        return command;
    }
}
