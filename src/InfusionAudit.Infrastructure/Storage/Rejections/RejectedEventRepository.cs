using System.Globalization;
using Azure.Data.Tables;
using InfusionAudit.Infrastructure.Storage.Tables;

namespace InfusionAudit.Infrastructure.Storage.Rejections;

/// <summary>
/// Rejected input in <see cref="TableNames.RejectedEvents"/>, one partition per clinic and clinical day (the clinic's
/// local date of the input's occurrence, <see cref="RejectedEventRow.ClinicalDate"/>), so an auditor's "rejected input of
/// clinic X on day D" is a single partition read.
/// </summary>
public sealed class RejectedEventRepository(StorageAccount account) : IRejectedEventStore
{
    /// <summary>Partition used when the clinic could not be read (<see cref="RejectedEventRow.UnknownClinic"/>).</summary>
    public const string UnknownClinic = RejectedEventRow.UnknownClinic;

    private const int MaxTransactionRows = 100;

    private readonly TableClient table = account.Tables.GetTableClient(TableNames.RejectedEvents);

    /// <summary>Stores rejections; writing the same message again replaces the same rows.</summary>
    public async Task StoreAsync(IReadOnlyCollection<RejectedEventRow> rows, CancellationToken cancellationToken)
    {
        foreach (var partition in rows.Select(ToEntity).GroupBy(e => e.PartitionKey))
        {
            foreach (var chunk in partition.Chunk(MaxTransactionRows))
            {
                await TableTransactions.SubmitAsync(table, [.. chunk.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e))], cancellationToken);
            }
        }
    }

    /// <summary>The rejections of one clinic filed under one day, by receive time.</summary>
    public async Task<IReadOnlyList<RejectedEventRow>> ListAsync(string? clinicId, DateOnly day, CancellationToken cancellationToken)
    {
        var partitionKey = PartitionKey(clinicId, day);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}");
        var rows = new List<RejectedEventRow>();
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            rows.Add(ToRow(entity));
        }

        return rows;
    }

    public static string PartitionKey(string? clinicId, DateOnly day) =>
        $"{clinicId ?? UnknownClinic}|{day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";

    private static TableEntity ToEntity(RejectedEventRow row)
    {
        var received = row.ReceivedAt.ToUniversalTime();
        var rowKey = $"{received.ToString("yyyyMMdd'T'HHmmssfffffff", CultureInfo.InvariantCulture)}|{KeyEncoding.Escape(row.MessageKey)}|{row.Index.ToString("D3", CultureInfo.InvariantCulture)}";
        var day = row.ClinicalDate ?? DateOnly.FromDateTime(received.UtcDateTime);
        var entity = new TableEntity(PartitionKey(row.ClinicId, day), rowKey)
        {
            ["ClinicalDate"] = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["ClinicId"] = row.ClinicId,
            ["SessionId"] = row.SessionId,
            ["EventId"] = row.EventId,
            ["ReceivedAt"] = received,
            ["Source"] = row.Source,
            ["MessageKey"] = row.MessageKey,
            ["Index"] = row.Index,
            ["Field"] = row.Field,
            ["Rule"] = row.Rule,
            ["Message"] = row.Message,
            ["Truncated"] = row.Truncated,
        };
        Utf8Property.Write(entity, "RawText", row.RawText);
        return entity;
    }

    /// <summary>Reads a row this repository wrote (also used by the audit reader, which pages the same partitions).</summary>
    internal static RejectedEventRow ToRow(TableEntity entity) => new(
        entity.GetString("ClinicId"),
        entity.GetString("SessionId"),
        entity.GetString("EventId"),
        entity.GetDateTimeOffset("ReceivedAt") ?? default,
        entity.GetString("Source") ?? string.Empty,
        entity.GetString("MessageKey") ?? string.Empty,
        entity.GetInt32("Index") ?? 0,
        entity.GetString("Field") ?? string.Empty,
        entity.GetString("Rule") ?? string.Empty,
        entity.GetString("Message") ?? string.Empty,
        Utf8Property.Read(entity, "RawText"),
        entity.GetBoolean("Truncated") ?? false,
        DateOnly.TryParseExact(entity.GetString("ClinicalDate"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null);
}
