using System.CommandLine;
using InfusionAudit.Simulator.Batching;
using InfusionAudit.Simulator.Files;
using InfusionAudit.Simulator.Generation;
using Spectre.Console;

namespace InfusionAudit.Simulator.Cli;

/// <summary><c>generate</c>: a clinic day written as JSON Lines instead of sent.</summary>
public static class GenerateCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var day = new DayOptions();
        var output = new Option<string>("--out", "-o")
        {
            Description = "JSON Lines file to write, one event per line in forwarding order ('-' for standard output).",
            Required = true,
        };

        var command = new Command("generate", "Write a simulated clinic day to a JSON Lines file (duplicates, reordering and bad events included).");
        day.AddTo(command);
        command.Add(output);
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(context, async () =>
        {
            var options = day.Resolve(result, context.Time);
            var path = result.GetRequiredValue(output);
            var sessions = new ClinicDayGenerator(options).Generate().ToList();
            var events = Batcher.ForwardingOrder(sessions);

            if (path == "-")
            {
                // Standard output holds the events alone, so it can be piped.
                await JsonLinesFile.WriteAsync(System.Console.Out, events, cancellationToken);
                return ExitCodes.Success;
            }

            var written = await JsonLinesFile.WriteAsync(path, events, cancellationToken);
            SummaryPrinter.PrintDay(context.Console, options, sessions, messages: null);
            SummaryPrinter.PrintSessions(context.Console, sessions);
            context.Console.WriteLine($"{written} events written to {Path.GetFullPath(path)}");
            return ExitCodes.Success;
        }));
        return command;
    }
}
