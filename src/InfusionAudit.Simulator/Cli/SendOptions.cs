using System.CommandLine;
using InfusionAudit.Simulator.Batching;
using InfusionAudit.Simulator.Transport;

namespace InfusionAudit.Simulator.Cli;

/// <summary>The options of commands that send: transport, message size, concurrency.</summary>
public sealed class SendOptions
{
    /// <summary>Creates the options with a command-specific default batch size.</summary>
    public SendOptions(int defaultBatch)
    {
        Batch = new Option<int>("--batch")
        {
            Description = $"Most events per message, 1–{BatcherOptions.ContractMaxEvents} (1 sends bare event objects instead of arrays).",
            DefaultValueFactory = _ => defaultBatch,
        };
        Batch.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > BatcherOptions.ContractMaxEvents)
            {
                result.AddError($"--batch must be between 1 and {BatcherOptions.ContractMaxEvents}.");
            }
        });
        Parallel.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 256)
            {
                result.AddError("--parallel must be between 1 and 256.");
            }
        });
    }

    /// <summary>Transport.</summary>
    public Option<TransportKind> Transport { get; } = new("--transport")
    {
        Description = "queue (the storage queue) or http (POST /api/events).",
        HelpName = "queue|http",
        DefaultValueFactory = _ => TransportKind.Queue,
    };

    /// <summary>Events per message.</summary>
    public Option<int> Batch { get; }

    /// <summary>Messages in flight.</summary>
    public Option<int> Parallel { get; } = new("--parallel")
    {
        Description = "Messages in flight at once.",
        DefaultValueFactory = _ => MessageDispatcher.DefaultMaxInFlight,
    };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Add(Transport);
        command.Add(Batch);
        command.Add(Parallel);
    }

    /// <summary>
    /// Sends <paramref name="messages"/> over the chosen transport with the chosen concurrency, showing progress as
    /// <paramref name="step"/>, and prints what the transport did.
    /// </summary>
    public async Task<DispatchResult> SendAsync(
        ParseResult result,
        ConnectionSettings settings,
        CliContext context,
        string step,
        IReadOnlyList<OutgoingMessage> messages,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(messages);
        await using var sender = settings.CreateSender(result.GetValue(Transport));
        await sender.PrepareAsync(cancellationToken);
        var dispatcher = new MessageDispatcher(sender, result.GetValue(Parallel), context.Time);
        var sent = await context.Progress.RunAsync(
            step, messages.Sum(m => (long)m.EventCount), p => dispatcher.SendAllAsync(messages, p, cancellationToken));
        SummaryPrinter.PrintDispatch(context.Console, sender.Destination, sent);
        if (!sent.Succeeded)
        {
            // The summary above is on stdout, which a script may not show: the failure also ends in one line on stderr.
            var stopped = sent.Aborted ? " and stopped" : string.Empty;
            var why = (sent.FirstError ?? "see the summary above").ReplaceLineEndings(" ");
            await context.Error.WriteLineAsync(
                $"error: sending to {sender.Destination} failed{stopped} ({sent.Messages} of {messages.Count} messages delivered): {why}");
        }

        return sent;
    }
}
