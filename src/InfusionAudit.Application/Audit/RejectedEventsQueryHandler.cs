using InfusionAudit.Application.Ports.Audit;
using InfusionAudit.Application.Ports.Rejections;

namespace InfusionAudit.Application.Audit;

/// <summary>Rejected input of a clinic over a range of clinical days (the local date it occurred on): one partition per day, in day order.</summary>
public sealed class RejectedEventsQueryHandler(IRejectedEventQueries reader)
{
    public static CsvColumns<RejectedEventDocument> Csv { get; } = new(
        ["receivedAt", "sessionId", "eventId", "source", "messageKey", "index", "field", "rule", "message", "rawText", "truncated"],
        r => [r.ReceivedAt, r.SessionId, r.EventId, r.Source, r.MessageKey, r.Index, r.Field, r.Rule, r.Message, r.RawText, r.Truncated]);

    public async Task<StoragePage<RejectedEventDocument>> ListAsync(
        string clinicId,
        DateRange range,
        DateTimeOffset? receivedFrom,
        DateTimeOffset? receivedTo,
        StorageCursor? cursor,
        int take,
        CancellationToken cancellationToken)
    {
        var page = await reader.ListPageAsync(clinicId, range.From, range.To, receivedFrom, receivedTo, cursor, take, cancellationToken);
        return new StoragePage<RejectedEventDocument>([.. page.Rows.Select(ToDocument)], page.Next, page.Requests);
    }

    private static RejectedEventDocument ToDocument(RejectedEventRow r) => new(
        r.ReceivedAt,
        r.SessionId,
        r.EventId,
        r.Source,
        r.MessageKey,
        r.Index,
        r.Field,
        r.Rule,
        PatientHashRedaction.Redact(r.Message),
        PatientHashRedaction.Redact(r.RawText),
        r.Truncated);
}
