using System.CommandLine;
using InfusionAudit.Simulator.Batching;
using InfusionAudit.Simulator.Contract;
using InfusionAudit.Simulator.Hl7;
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
        Description = "queue (the storage queue), http (POST /api/events; with --device-format hl7 also POST /api/hl7v2) or mllp (HL7 to the local host's MLLP listener, JSON over http; needs --device-format hl7).",
        HelpName = "queue|http|mllp",
        DefaultValueFactory = _ => TransportKind.Queue,
    };

    /// <summary>Events per message.</summary>
    public Option<int> Batch { get; }

    /// <summary>What pumps and monitors speak.</summary>
    public Option<DeviceFormat> DeviceFormat { get; } = new("--device-format")
    {
        Description = "json (every event as contract JSON) or hl7 (pump and monitor events as HL7 v2 IHE PCD-01 / PCD-10, the tablet's as JSON; docs/simulator.md).",
        HelpName = "json|hl7",
        DefaultValueFactory = _ => Hl7.DeviceFormat.Json,
    };

    /// <summary>The MLLP listener's port.</summary>
    public Option<int> MllpPort { get; } = new("--mllp-port")
    {
        Description = $"Port of the local host's MLLP listener (InfusionAudit:Hl7:MllpPort) on the host of --url, for --transport mllp.",
        DefaultValueFactory = _ => ConnectionSettings.DefaultMllpPort,
    };

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
        command.Add(DeviceFormat);
        command.Add(MllpPort);
    }

    /// <summary>The device format, checked against the transport: HL7 has no queue route, and MLLP carries only HL7.</summary>
    /// <exception cref="ArgumentException">The combination cannot be sent.</exception>
    public DeviceFormat ResolveDeviceFormat(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var format = result.GetValue(DeviceFormat);
        var transport = result.GetValue(Transport);
        if (format == Hl7.DeviceFormat.Hl7 && transport == TransportKind.Queue)
        {
            throw new ArgumentException("--device-format hl7 needs --transport http or mllp: HL7 enters through POST /api/hl7v2 or the MLLP listener, not the queue.");
        }

        if (transport == TransportKind.Mllp && format != Hl7.DeviceFormat.Hl7)
        {
            throw new ArgumentException("--transport mllp carries HL7: add --device-format hl7.");
        }

        if (result.GetValue(MllpPort) is < 1 or > 65535)
        {
            throw new ArgumentException("--mllp-port must be between 1 and 65535.");
        }

        return format;
    }

    /// <summary>Packs events in forwarding order for the chosen device format.</summary>
    public List<OutgoingMessage> Pack(ParseResult result, Batcher batcher, IReadOnlyList<WireEvent> forwardingOrder) =>
        DeviceMessages.Pack(batcher, forwardingOrder, ResolveDeviceFormat(result));

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
        await using var sender = settings.CreateSender(result.GetValue(Transport), result.GetValue(MllpPort));
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
