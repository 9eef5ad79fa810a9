using System.CommandLine;
using InfusionAudit.Simulator.Batching;
using InfusionAudit.Simulator.Contract;
using InfusionAudit.Simulator.Files;
using Spectre.Console;

namespace InfusionAudit.Simulator.Cli;

/// <summary><c>replay</c>: a JSON Lines file sent to the backend in batches.</summary>
public static class ReplayCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(GlobalOptions globals, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(globals);
        ArgumentNullException.ThrowIfNull(context);
        var send = new SendOptions(defaultBatch: 25);
        var file = new Option<FileInfo>("--file", "-f")
        {
            Description = "JSON Lines file: one event per line; blank lines are skipped, lines that are not JSON are sent alone, as-is.",
            Required = true,
        };

        var command = new Command("replay", "Send the events of a JSON Lines file, in file order, in batches.");
        command.Add(file);
        send.AddTo(command);
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(context, async () =>
        {
            var path = result.GetRequiredValue(file);
            if (!path.Exists)
            {
                throw new FileNotFoundException($"No such file: {path.FullName}");
            }

            var events = await JsonLinesFile.ReadAllAsync(path.FullName, cancellationToken);
            var batcher = new Batcher(new BatcherOptions { MaxEvents = result.GetValue(send.Batch), FlushWindow = null });
            var messages = send.Pack(result, batcher, events);
            var notJson = events.Count(e => e.Kind == WireEventKind.NotJson);
            context.Console.WriteLine(
                $"{events.Count} lines with content in {path.Name} ({notJson} not JSON), {messages.Count} messages.");

            var settings = globals.Resolve(result, context.Environment);
            var sent = await send.SendAsync(result, settings, context, "replaying", messages, cancellationToken);
            return sent.Succeeded ? ExitCodes.Success : ExitCodes.SendFailed;
        }));
        return command;
    }
}
