using System.Globalization;
using Azure;
using Azure.Data.Tables;
using InfusionAudit.Domain.Alerts;
using InfusionAudit.Infrastructure.Storage.Tables;

namespace InfusionAudit.Infrastructure.Storage.Alerts;

/// <summary>
/// The <see cref="TableNames.AlertSilences"/> table: one small partition of every silence ever made (never deleted, only
/// expired, so auditors see why an alert was not sent), newest first. Raising an alert reads the clinic's silences
/// that have not ended, with a parameterised filter inside that partition.
/// </summary>
public sealed class SilenceRepository(StorageAccount account) : ISilenceStore
{
    private const string Partition = "silences";

    private readonly TableClient table = account.Tables.GetTableClient(TableNames.AlertSilences);

    public async Task AddAsync(Silence silence, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(silence);
        await table.AddEntityAsync(ToEntity(silence), cancellationToken);
    }

    public async Task<(Silence Silence, string ETag)?> GetAsync(string silenceId, CancellationToken cancellationToken)
    {
        var found = await table.GetEntityIfExistsAsync<TableEntity>(Partition, RowKeyOf(silenceId), cancellationToken: cancellationToken);
        return found.HasValue && found.Value is { } entity ? (AlertJson.Read<Silence>(entity.GetString("Json") ?? "null"), entity.ETag.ToString()) : null;
    }

    /// <summary>Replaces a silence (its expiry) if nobody changed it since it was read; false otherwise.</summary>
    public async Task<bool> ReplaceAsync(Silence silence, string etag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(silence);
        try
        {
            await table.UpdateEntityAsync(ToEntity(silence), StoreVersion.ToETag(etag), TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            return false;
        }
    }

    /// <summary>The clinic's silences that have not ended at <paramref name="now"/> (some may not have started).</summary>
    public async Task<IReadOnlyList<Silence>> NotEndedAsync(string clinicId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and ClinicId eq {clinicId} and EndsAt gt {now}");
        var silences = new List<Silence>();
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, select: ["Json"], cancellationToken: cancellationToken))
        {
            silences.Add(AlertJson.Read<Silence>(entity.GetString("Json") ?? "null"));
        }

        return silences;
    }

    /// <summary>A page of silences, newest first, of one clinic or of all.</summary>
    /// <exception cref="ArgumentException">The continuation token is not one this API issued.</exception>
    public async Task<SilencePage> PageAsync(string? clinicId, int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        if (!ContinuationTokens.TryDecode(continuationToken, out var token))
        {
            throw new ArgumentException("The continuation token is not valid.", nameof(continuationToken));
        }

        var filter = clinicId is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {Partition}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and ClinicId eq {clinicId}");
        await foreach (var page in table.QueryAsync<TableEntity>(filter, maxPerPage: pageSize, select: ["Json"], cancellationToken: cancellationToken).AsPages(token, pageSize))
        {
            return new SilencePage([.. page.Values.Select(e => AlertJson.Read<Silence>(e.GetString("Json") ?? "null"))], ContinuationTokens.Encode(page.ContinuationToken));
        }

        return new SilencePage([], null);
    }

    private static TableEntity ToEntity(Silence silence) => new(Partition, RowKeyOf(silence.SilenceId))
    {
        ["ClinicId"] = silence.ClinicId,
        ["DeviceId"] = silence.DeviceId,
        ["StartsAt"] = silence.StartsAt,
        ["EndsAt"] = silence.EffectiveEnd,
        ["Json"] = AlertJson.Write(silence),
    };

    // Silence ids start with the inverted creation time, so the partition reads newest first.
    private static string RowKeyOf(string silenceId) => silenceId;

    string ISilenceStore.NewId(DateTimeOffset createdAt) => NewId(createdAt);

    /// <summary>A new silence id: newest sorts first in the table, unique across hosts.</summary>
    public static string NewId(DateTimeOffset createdAt) =>
        "sil-" + (DateTimeOffset.MaxValue.UtcTicks - createdAt.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8];
}
