using System.Text;
using InfusionAudit.Application.Configuration;
using InfusionAudit.Application.Diagnostics;
using InfusionAudit.Application.Sessions;
using InfusionAudit.Application.Telemetry;
using InfusionAudit.Domain.Contract;
using InfusionAudit.Domain.Privacy;
using InfusionAudit.Domain.Sessions;
using InfusionAudit.Application.Ports.Rejections;
using Microsoft.Extensions.Logging;

namespace InfusionAudit.Application.Ingestion;

/// <summary>
/// The one ingestion path behind the queue trigger and <c>POST /api/events</c>: validate every element, pseudonymise,
/// hand each session's events to <see cref="SessionCommitter"/>, and store rejections with their reason.
/// Bad input never throws; infrastructure failures do, so the trigger retries and finally poisons the message.
/// </summary>
public sealed partial class IngestHandler(
    SessionCommitter committer,
    IRejectedEventStore rejections,
    PatientPseudonymizer pseudonymizer,
    PipelineCounters counters,
    ClinicCalendar calendar,
    TimeProvider clock,
    ILogger<IngestHandler> logger)
{
    /// <summary>Rejected text is cut here: enough for an audit, and below the 64 KiB of one table property.</summary>
    private const int MaxStoredRawChars = 60 * 1024;

    /// <summary>The field and the reason are for people; cut here, far below the 32 K characters of a table string property.</summary>
    private const int MaxStoredFieldChars = 256;

    private const int MaxStoredMessageChars = 2048;

    /// <summary>The rejection of an event for a clinic its producer is not bound to (<see cref="IngestContext.AllowedClinics"/>).</summary>
    public const string ClinicNotAllowed = SessionIntake.ClinicNotAllowed;

    /// <summary>A message of the device event queue, as stored: base64 of UTF-8 JSON (host.json sets <c>messageEncoding</c> to <c>none</c>).</summary>
    /// <remarks>
    /// The triggers leave the decoding to this handler: a trigger that decodes poisons a message that is not base64 at
    /// once, body in clear and no reason given; here it becomes a stored rejection like any other bad input.
    /// </remarks>
    public Task<IngestResult> HandleQueueMessageAsync(string messageText, string messageId, DateTimeOffset? insertedOn, CancellationToken cancellationToken)
    {
        // The insertion time is when the backend received the message; it stays the same on every redelivery.
        var now = clock.GetUtcNow();
        InfusionAuditTelemetry.RecordQueueAge("events", insertedOn, now);
        var context = new IngestContext("queue", messageId, insertedOn ?? now);
        return TryDecodeBase64(messageText, out var json)
            ? HandleAsync(json, context, cancellationToken)
            : RecordWholeMessageAsync(
                messageText,
                MessageProblem.NotBase64,
                new EventRejection(null, "$", ContractRule.NotBase64, "The queue message is not base64: the contract's queue messages are base64 of UTF-8 JSON."),
                context,
                cancellationToken);
    }

    public async Task<IngestResult> HandleAsync(string messageText, IngestContext context, CancellationToken cancellationToken)
    {
        using var activity = InfusionAuditTelemetry.StartIngest(context.Source, context.MessageKey);
        var parsed = EventParser.Parse(messageText);
        var outcomes = new EventOutcome[parsed.Events.Count];
        var rejected = new List<(ParsedEvent Element, EventRejection Reason)>();
        var bySession = new Dictionary<(string ClinicId, string SessionId), List<IncomingEvent>>();

        foreach (var element in parsed.Events)
        {
            if (element.Event is { } barred && SessionIntake.CheckClinic(barred, context.AllowedClinics) is { } barredReason)
            {
                // The producer is bound to other clinics: the event is kept as a rejection, the others go on.
                var reason = barredReason;
                rejected.Add((element, reason));
                outcomes[element.Index] = new EventOutcome(element.Index, reason.EventId, EventOutcomeStatus.Rejected, reason);
            }
            else if (element.Event is { } deviceEvent)
            {
                // The raw text is hashed within the event's clinic, so it carries the same hash as the parsed event.
                var incoming = new IncomingEvent(element.Index, pseudonymizer.Pseudonymize(deviceEvent), pseudonymizer.ForClinic(deviceEvent.ClinicId).RedactRawJson(element.RawJson));
                var key = SessionIntake.SessionOf(deviceEvent);
                if (!bySession.TryGetValue(key, out var list))
                {
                    bySession[key] = list = [];
                }

                list.Add(incoming);
            }
            else
            {
                var reason = element.Rejection ?? new EventRejection(null, "$", ContractRule.Invalid, "The event could not be read.");
                rejected.Add((element, reason));
                outcomes[element.Index] = new EventOutcome(element.Index, reason.EventId, EventOutcomeStatus.Rejected, reason);
            }
        }

        // Sessions are independent partitions: write them concurrently.
        var results = await Task.WhenAll(bySession.Select(s => committer.CommitAsync(s.Key.ClinicId, s.Key.SessionId, s.Value, context.ReceivedAt, cancellationToken)));
        InfusionAuditTelemetry.RecordFindings(results.SelectMany(r => r.NewFindings));
        foreach (var outcome in results.SelectMany(r => r.Outcomes))
        {
            outcomes[outcome.Index] = outcome;
            if (outcome.Rejection is { } reason)
            {
                rejected.Add((parsed.Events[outcome.Index], reason));
            }
        }

        if (rejected.Count > 0)
        {
            await rejections.StoreAsync([.. rejected.Select(r => ToRow(r.Element, r.Reason, context))], cancellationToken);
        }

        var result = new IngestResult(outcomes, parsed.Problem);
        counters.CountMessage(result.Accepted, result.Duplicate, result.Rejected, clock.GetUtcNow() - context.ReceivedAt);
        InfusionAuditTelemetry.RecordMessage(context.Source, result);
        LogMessage(logger, context.Source, context.MessageKey, result.Accepted, result.Duplicate, result.Rejected);
        return result;
    }

    /// <summary>Keeps the start of a body that was too large to read, so a refused request still leaves a trace.</summary>
    public Task RecordOversizedAsync(string start, int limitBytes, IngestContext context, CancellationToken cancellationToken) =>
        RecordWholeMessageAsync(start, null, new EventRejection(null, "$", ContractRule.BodySize, $"The body exceeds {limitBytes} bytes and was not processed."), context, cancellationToken);

    /// <summary>
    /// Stores a whole message that never became events (an HL7 v2 message refused or not mappable), its text already
    /// redacted by its reader. The clinic and session are used only when they are valid contract ids.
    /// </summary>
    public Task<IngestResult> RecordMessageRejectionAsync(string redactedText, string? clinicId, string? sessionId, EventRejection reason, IngestContext context, CancellationToken cancellationToken) =>
        RecordWholeMessageAsync(redactedText, null, reason, context, cancellationToken, ContractId.IsValid(clinicId) ? clinicId : null, ContractId.IsValid(sessionId) ? sessionId : null);

    private async Task<IngestResult> RecordWholeMessageAsync(string text, MessageProblem? problem, EventRejection reason, IngestContext context, CancellationToken cancellationToken, string? clinicId = null, string? sessionId = null)
    {
        var element = new ParsedEvent(0, text, null, reason, clinicId, sessionId);
        await rejections.StoreAsync([ToRow(element, reason, context)], cancellationToken);
        var result = new IngestResult([new EventOutcome(0, null, EventOutcomeStatus.Rejected, reason)], problem);
        counters.CountMessage(0, 0, 1, clock.GetUtcNow() - context.ReceivedAt);
        InfusionAuditTelemetry.RecordMessage(context.Source, result);
        LogMessage(logger, context.Source, context.MessageKey, 0, 0, 1);
        return result;
    }

    private static bool TryDecodeBase64(string text, out string json)
    {
        json = string.Empty;
        var bytes = new byte[(text.Length / 4 * 3) + 3];
        if (!Convert.TryFromBase64String(text, bytes, out var length))
        {
            return false;
        }

        // As the SDK's BinaryData.ToString: invalid UTF-8 becomes U+FFFD, and the parser judges what is left.
        json = Encoding.UTF8.GetString(bytes, 0, length);
        return true;
    }

    private RejectedEventRow ToRow(ParsedEvent element, EventRejection reason, IngestContext context)
    {
        var (raw, withheld) = pseudonymizer.ForClinic(element.ClinicId ?? string.Empty).Redact(element.RawJson);
        var truncated = raw.Length > MaxStoredRawChars;
        var message = withheld == 0
            ? reason.Message
            : $"{reason.Message} Part of the raw text was withheld ({withheld} place(s)): it named a patient reference whose value could not be located for sure.";
        return new RejectedEventRow(
            element.ClinicId,
            element.SessionId,
            reason.EventId,
            context.ReceivedAt,
            context.Source,
            context.MessageKey,
            element.Index,
            Cut(reason.Field, MaxStoredFieldChars),
            reason.Rule,
            Cut(message, MaxStoredMessageChars),
            truncated ? raw[..MaxStoredRawChars] : raw,
            truncated,
            element.ClinicId is { } clinicId ? calendar.DateOf(clinicId, Audit.RawEventTime.OccurredAt(element.RawJson) ?? context.ReceivedAt) : null);
    }

    private static string Cut(string text, int maxChars) => text.Length <= maxChars ? text : string.Concat(text.AsSpan(0, maxChars - 1), "…");

    [LoggerMessage(Level = LogLevel.Information, Message = "Message {MessageKey} from {Source}: {Accepted} accepted, {Duplicate} duplicate, {Rejected} rejected")]
    private static partial void LogMessage(ILogger logger, string source, string messageKey, int accepted, int duplicate, int rejected);
}
