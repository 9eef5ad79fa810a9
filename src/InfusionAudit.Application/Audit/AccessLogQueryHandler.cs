using System.Text.Json;
using InfusionAudit.Application.Ports.Audit;

namespace InfusionAudit.Application.Audit;

/// <summary>The access log of one UTC day, oldest first: one partition.</summary>
public sealed class AccessLogQueryHandler(IAccessLog log)
{
    public static CsvColumns<AccessLogEntryDocument> Csv { get; } = new(
        ["at", "caller", "role", "route", "parameters", "status", "rows", "requestId"],
        e => [e.At, e.Caller, e.Role, e.Route, e.Parameters.GetRawText(), e.Status, e.Rows, e.RequestId]);

    public async Task<StoragePage<AccessLogEntryDocument>> ListAsync(DateOnly day, StorageCursor? cursor, int take, CancellationToken cancellationToken)
    {
        var page = await log.ListPageAsync(day, cursor, take, cancellationToken);
        return new StoragePage<AccessLogEntryDocument>([.. page.Rows.Select(ToDocument)], page.Next, page.Requests);
    }

    private static AccessLogEntryDocument ToDocument(AccessLogRow row)
    {
        using var parameters = JsonDocument.Parse(row.Parameters);
        return new AccessLogEntryDocument(row.At, row.Caller, row.Role, row.Route, parameters.RootElement.Clone(), row.Status, row.Rows, row.RequestId);
    }
}
