using InfusionAudit.Domain.Contract;
using InfusionAudit.Domain.Privacy;
using InfusionAudit.Hl7;
using InfusionAudit.Hl7.Er7;
using InfusionAudit.Hl7.Mapping;
using Microsoft.Extensions.Options;

namespace InfusionAudit.Application.Ingestion.Hl7;

/// <summary>
/// HL7 v2 in, for <c>POST /api/hl7v2</c> and the local host's MLLP listener: parse, map to contract events, then hand
/// them to the same <see cref="IngestHandler"/> as JSON (same validation, idempotence, rejections), and answer an ACK.
/// A message that is refused or cannot be mapped is stored as one rejection whose text has its PID redacted.
/// </summary>
public sealed class Hl7IngestHandler
{
    private readonly IngestHandler ingest;
    private readonly PatientPseudonymizer pseudonymizer;
    private readonly Hl7MappingOptions options;
    private readonly TimeProvider clock;
    private readonly string patientIdLocation;

    public Hl7IngestHandler(IngestHandler ingest, PatientPseudonymizer pseudonymizer, IOptions<Hl7MappingOptions> options, TimeProvider clock)
    {
        this.ingest = ingest;
        this.pseudonymizer = pseudonymizer;
        this.options = options.Value;
        this.clock = clock;
        this.options.Validate();
        var patientLocations = Hl7MappingOptions.Locations(this.options.PatientIdFields);
        patientIdLocation = patientLocations.Count > 0 ? patientLocations[0].ToString() : "PID-3.1";
    }

    /// <summary>One HTTP body: one message, or an MLLP-framed stream (then every ACK is framed too).</summary>
    public async Task<string> HandleBodyAsync(string body, IngestContext context, CancellationToken cancellationToken)
    {
        if (!Mllp.IsFramed(body))
        {
            return (await HandleMessageAsync(body, context, cancellationToken)).Ack;
        }

        if (!Mllp.TryUnframe(body, out var messages, out var problem))
        {
            var refused = await RefuseAsync(body, null, Hl7Problem.Reject(null, null, null, Hl7Problem.SegmentSequenceError, problem!), context, cancellationToken);
            return Mllp.Frame(refused.Ack);
        }

        // The messages' events go to the JSON path together (up to its 100 events a call), as a JSON producer's batch
        // would: one commit per session for the body instead of one per message. Each message still gets its own ACK
        // from its own events' outcomes, and a message that cannot be read or mapped is refused alone.
        var outcomes = new Hl7MessageOutcome?[messages.Count];
        var batch = new List<(int Message, Hl7MessageHeader Header, Hl7Mapping Mapping)>();
        var events = 0;
        for (var i = 0; i < messages.Count; i++)
        {
            var (header, mapping, refused) = await ReadAsync(messages[i], context, cancellationToken);
            if (refused is not null)
            {
                outcomes[i] = refused;
                continue;
            }

            if (batch.Count > 0 && events + mapping!.EventCount > EventParser.MaxEventsPerMessage)
            {
                await IngestTogetherAsync(batch, outcomes, context, cancellationToken);
                batch.Clear();
                events = 0;
            }

            batch.Add((i, header!, mapping!));
            events += mapping!.EventCount;
        }

        if (batch.Count > 0)
        {
            await IngestTogetherAsync(batch, outcomes, context, cancellationToken);
        }

        return string.Concat(outcomes.Select(o => Mllp.Frame(o!.Ack)));
    }

    /// <summary>One message (unframed).</summary>
    public async Task<Hl7MessageOutcome> HandleMessageAsync(string message, IngestContext context, CancellationToken cancellationToken)
    {
        var (header, mapping, refused) = await ReadAsync(message, context, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        var result = await ingest.HandleAsync(mapping!.EventsJson!, context, cancellationToken);
        return Outcome(header!, result);
    }

    // Parses and maps a message; one that cannot be read or mapped is refused (stored, redacted) and answered here.
    private async Task<(Hl7MessageHeader? Header, Hl7Mapping? Mapping, Hl7MessageOutcome? Refused)> ReadAsync(string message, IngestContext context, CancellationToken cancellationToken)
    {
        var parsed = Er7Parser.Parse(message);
        if (parsed.Problem is { } unreadable)
        {
            return (null, null, await RefuseAsync(message, null, unreadable, context, cancellationToken));
        }

        var header = Hl7MessageHeader.From(parsed.Message!);
        var mapping = Hl7EventMapper.Map(parsed.Message!, options);
        if (mapping.Problem is { } unmappable)
        {
            return (header, null, await RefuseAsync(message, header, unmappable, context, cancellationToken, mapping.ClinicId, mapping.SessionId));
        }

        return (header, mapping, null);
    }

    private async Task IngestTogetherAsync(List<(int Message, Hl7MessageHeader Header, Hl7Mapping Mapping)> batch, Hl7MessageOutcome?[] outcomes, IngestContext context, CancellationToken cancellationToken)
    {
        // Each mapping is a JSON array; their elements, in order, make one array.
        var json = "[" + string.Join(",", batch.Select(b => b.Mapping.EventsJson![1..^1])) + "]";
        var result = await ingest.HandleAsync(json, context, cancellationToken);
        var offset = 0;
        foreach (var (message, header, mapping) in batch)
        {
            var first = offset;
            var own = result.Events.Skip(first).Take(mapping.EventCount).Select(e => e with { Index = e.Index - first }).ToList();
            outcomes[message] = own.Count == mapping.EventCount
                ? Outcome(header, new IngestResult(own, result.Problem))
                // The batch was refused as a whole (it cannot be, at 100 mapped events, but an ACK never says AA for events not taken).
                : new Hl7MessageOutcome(Ack(header, Hl7AckCode.Error, Hl7Problem.Error(null, null, null, null, Hl7Problem.ApplicationError, result.Problem?.ToString() ?? "The mapped events were not taken.")), Hl7AckCode.Error, null);
            offset += mapping.EventCount;
        }
    }

    private Hl7MessageOutcome Outcome(Hl7MessageHeader header, IngestResult result)
    {
        var rejected = result.Events.FirstOrDefault(e => e.Status == EventOutcomeStatus.Rejected);
        if (rejected?.Rejection is not { } reason)
        {
            return new Hl7MessageOutcome(Ack(header, Hl7AckCode.Accept, null), Hl7AckCode.Accept, result);
        }

        // Stored by the JSON path already (the event's JSON, patient reference hashed): say which event and rule.
        var problem = Hl7Problem.Error(null, null, null, null, Hl7Problem.DataTypeError,
            $"{result.Rejected} of the {result.Events.Count} event(s) this message maps to broke the contract; event {rejected.Index}: {reason.Field} ({reason.Rule}): {reason.Message}");
        return new Hl7MessageOutcome(Ack(header, Hl7AckCode.Error, problem), Hl7AckCode.Error, result);
    }

    /// <summary>Stores a body that could not even be decoded as text (its PID redacted) and answers its ACK.</summary>
    public async Task<string> RefuseUnreadableAsync(string text, Hl7Problem problem, IngestContext context, CancellationToken cancellationToken) =>
        (await RefuseAsync(text, null, problem, context, cancellationToken)).Ack;

    /// <summary>
    /// Files input refused for its size before it was read as a message (an HTTP body or an MLLP frame past its limit):
    /// its head, every PID field withheld (a cut message cannot be trusted to show where PID-3 is), under no clinic.
    /// Answers the AR for the MLLP sender; the HTTP route answers 413 instead.
    /// </summary>
    public async Task<string> RefuseOversizedAsync(string head, string text, IngestContext context, CancellationToken cancellationToken)
    {
        await ingest.RecordMessageRejectionAsync(
            Hl7RawRedactor.Redact(head, _ => Hl7RawRedactor.Withheld),
            null,
            null,
            new EventRejection(null, "$", ContractRule.BodySize, text),
            context,
            cancellationToken);
        return Ack(null, Hl7AckCode.Reject, Hl7Problem.Reject(null, null, null, Hl7Problem.ApplicationError, text));
    }

    private async Task<Hl7MessageOutcome> RefuseAsync(string message, Hl7MessageHeader? header, Hl7Problem problem, IngestContext context, CancellationToken cancellationToken, string? clinicId = null, string? sessionId = null)
    {
        var withinClinic = pseudonymizer.ForClinic(ContractId.IsValid(clinicId) ? clinicId! : string.Empty);
        var redacted = Hl7RawRedactor.Redact(message, withinClinic.Hash, patientIdLocation);
        var code = problem.Kind == Hl7ProblemKind.Reject ? Hl7AckCode.Reject : Hl7AckCode.Error;
        var rule = code == Hl7AckCode.Reject ? ContractRule.Hl7Rejected : ContractRule.Hl7Error;
        await ingest.RecordMessageRejectionAsync(redacted, clinicId, sessionId, new EventRejection(null, problem.Location, rule, problem.Text), context, cancellationToken);
        return new Hl7MessageOutcome(Ack(header, code, problem), code, null);
    }

    private string Ack(Hl7MessageHeader? header, Hl7AckCode code, Hl7Problem? problem) =>
        Hl7Acknowledgement.Write(header, code, problem, clock.GetUtcNow(), $"ACK-{Guid.NewGuid():N}"[..24], options.EnhancedAcknowledgements);
}
