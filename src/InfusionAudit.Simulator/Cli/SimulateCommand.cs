using System.CommandLine;
using InfusionAudit.Simulator.Batching;
using InfusionAudit.Simulator.Generation;

namespace InfusionAudit.Simulator.Cli;

/// <summary><c>simulate</c>: a clinic day sent to the backend.</summary>
public static class SimulateCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(GlobalOptions globals, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(globals);
        ArgumentNullException.ThrowIfNull(context);
        var day = new DayOptions();
        var send = new SendOptions(defaultBatch: 25);
        var window = new Option<int>("--window")
        {
            Description = "Gateway flush window in seconds of device time (0: flush on --batch and size only).",
            DefaultValueFactory = _ => 60,
        };

        var command = new Command("simulate", "Simulate a clinic day and send its events to the backend, as a clinic gateway would.");
        day.AddTo(command);
        send.AddTo(command);
        command.Add(window);
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(context, async () =>
        {
            var options = day.Resolve(result, context.Time);
            var windowSeconds = result.GetValue(window);
            if (windowSeconds < 0)
            {
                throw new ArgumentException("--window cannot be negative.");
            }

            var batcher = new Batcher(new BatcherOptions
            {
                MaxEvents = result.GetValue(send.Batch),
                FlushWindow = windowSeconds == 0 ? null : TimeSpan.FromSeconds(windowSeconds),
            });
            var sessions = new ClinicDayGenerator(options).Generate().ToList();
            var messages = send.Pack(result, batcher, [.. Batcher.ForwardingOrder(sessions)]);
            SummaryPrinter.PrintDay(context.Console, options, sessions, messages.Count);

            var settings = globals.Resolve(result, context.Environment);
            var sent = await send.SendAsync(result, settings, context, "sending", messages, cancellationToken);
            SummaryPrinter.PrintSessions(context.Console, sessions);
            return sent.Succeeded ? ExitCodes.Success : ExitCodes.SendFailed;
        }));
        return command;
    }
}
