using Azure;
using Azure.Data.Tables;
using InfusionAudit.Domain.Alerts;
using InfusionAudit.Domain.Sessions;
using InfusionAudit.Infrastructure.Storage.Tables;

namespace InfusionAudit.Infrastructure.Storage.Alerts;

/// <summary>
/// The <see cref="TableNames.Alerts"/> table, one partition per session, keyed <c>{sessionId}@{clinicId}</c>
/// (<see cref="ClinicSessionKey"/>: the same session id at two clinics is two partitions): the group row (notification bookkeeping),
/// one row per alert and one per notification (the outbox). Every decision is one entity-group transaction guarded by
/// the group row's ETag, so two hosts deciding for the same session never both win. Dispatch records are merged into
/// notification rows outside that guard (no decision ever rewrites a notification), each write conditioned on the
/// row's ETag: whoever sends a notification first claims it, and a sender that lost its claim never sends.
/// </summary>
public sealed class AlertRepository(StorageAccount account) : IAlertPartitionStore
{
    private const string GroupRowKey = "group";
    private const string AlertPrefix = "alert|";
    private const string NotificationPrefix = "ntf|";
    private const int MaxTransactionRows = 100;

    private readonly TableClient table = account.Tables.GetTableClient(TableNames.Alerts);

    /// <summary>Reads a session's whole alert partition: one request, unless it holds more than 1,000 rows (see the remarks).</summary>
    /// <remarks>
    /// Alert rows sort before the group row, so a read of several requests spanning another host's decision could
    /// return that decision's group row and ETag without the alert it raised, and a decision guarded by that ETag would
    /// raise the episode again. Every decision rewrites the group row, so it guards the read (<see cref="VersionedRange"/>).
    /// </remarks>
    public async Task<AlertPartition> LoadAsync(string clinicId, string sessionId, CancellationToken cancellationToken)
    {
        var partitionKey = ClinicSessionKey.Of(clinicId, sessionId);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}");
        var read = await VersionedRange.ReadAsync(table, filter, partitionKey, GroupRowKey, () => new PartitionRead(), cancellationToken);
        var partition = read.Rows.Partition(clinicId, sessionId);
        return read.Settled
            ? partition
            : read.GuardBefore is { } before
                ? partition with { Group = ReadGroup(before), GroupETag = StoreVersion.Of(before.ETag) }
                : partition with { Group = null, GroupETag = null };
    }

    private static AlertGroup? ReadGroup(TableEntity entity) => AlertJson.Read<AlertGroup>(entity.GetString("Json") ?? "null");

    /// <summary>The rows of one alert partition as read, sorted by kind.</summary>
    private sealed class PartitionRead : VersionedRange.IVersionedRows
    {
        private readonly List<Alert> alerts = [];
        private readonly List<StoredNotification> notifications = [];
        private AlertGroup? group;

        public ETag? GroupETag { get; private set; }

        ETag? VersionedRange.IVersionedRows.GuardETag => GroupETag;

        public AlertPartition Partition(string clinicId, string sessionId)
        {
            alerts.Sort((a, b) => a.RaisedAt != b.RaisedAt ? a.RaisedAt.CompareTo(b.RaisedAt) : string.CompareOrdinal(a.AlertId, b.AlertId));
            notifications.Sort((a, b) => a.Notification.Number.CompareTo(b.Notification.Number));
            return new AlertPartition(clinicId, sessionId, group, StoreVersion.Of(GroupETag), alerts, notifications);
        }

        public void Add(TableEntity entity)
        {
            if (entity.RowKey == GroupRowKey)
            {
                group = ReadGroup(entity);
                GroupETag = entity.ETag;
            }
            else if (entity.RowKey.StartsWith(AlertPrefix, StringComparison.Ordinal))
            {
                alerts.Add(AlertJson.Read<Alert>(Utf8Property.Read(entity, "Json")));
            }
            else if (entity.RowKey.StartsWith(NotificationPrefix, StringComparison.Ordinal))
            {
                notifications.Add(ToNotification(entity));
            }
        }
    }

    /// <summary>Stores one decision.</summary>
    /// <returns>The new notification rows, with the ETags they were written with (the creator's claim).</returns>
    /// <exception cref="AlertWriteConflictException">The group row changed since it was read.</exception>
    public async Task<IReadOnlyList<StoredNotification>> CommitAsync(AlertPartitionWrite write, CancellationToken cancellationToken)
    {
        var partitionKey = ClinicSessionKey.Of(write.Group.ClinicId, write.SessionId);
        var groupEntity = new TableEntity(partitionKey, GroupRowKey)
        {
            ["ClinicId"] = write.Group.ClinicId,
            ["Json"] = AlertJson.Write(write.Group),
        };
        var groupAction = write.ExpectedETag is { } expected
            ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, groupEntity, StoreVersion.ToETag(expected))
            : new TableTransactionAction(TableTransactionActionType.Add, groupEntity);
        var others = write.Alerts.Select(a => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToEntity(a)))
            .Concat(write.NewNotifications.Select(n => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToEntity(partitionKey, n))))
            .ToList();
        var etags = new Dictionary<string, ETag>(StringComparer.Ordinal);
        try
        {
            if (others.Count + 1 <= MaxTransactionRows)
            {
                Collect(etags, [groupAction, .. others], await TableTransactions.SubmitAsync(table, [groupAction, .. others], cancellationToken));
            }
            else
            {
                // Rare (a session resolving 100 alerts at once): the other rows first, idempotent upserts, and the group
                // row last as the commit point. Notifications of a write that then loses its group check are not counted
                // by the group and so never dispatched (AlertPartition.Undelivered); the retry overwrites them.
                foreach (var chunk in others.Chunk(MaxTransactionRows))
                {
                    Collect(etags, chunk, await TableTransactions.SubmitAsync(table, chunk, cancellationToken));
                }

                await TableTransactions.SubmitAsync(table, [groupAction], cancellationToken);
            }
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            throw new AlertWriteConflictException($"The alerts of session {write.SessionId} changed since they were read ({ex.ErrorCode}).", ex);
        }

        return [.. write.NewNotifications.Select(n => n with { ETag = etags.TryGetValue(NotificationPrefix + n.Notification.NotificationId, out var etag) ? StoreVersion.Of(etag) : null })];
    }

    /// <summary>One notification row as stored now (with its ETag), or null when it is not there.</summary>
    public async Task<StoredNotification?> ReadNotificationAsync(string clinicId, string sessionId, string notificationId, CancellationToken cancellationToken)
    {
        var response = await table.GetEntityIfExistsAsync<TableEntity>(ClinicSessionKey.Of(clinicId, sessionId), NotificationPrefix + notificationId, cancellationToken: cancellationToken);
        return response.HasValue && response.Value is { } entity ? ToNotification(entity) : null;
    }

    /// <summary>
    /// Writes a notification's dispatch record (a claim, its renewal, or the outcome of a send) if the row still has
    /// the ETag <paramref name="ifMatch"/>: it fails when someone else wrote the row since, i.e. took the claim.
    /// </summary>
    /// <returns>The new ETag, or null when the row changed underneath (the caller lost its claim and must not send).</returns>
    /// <exception cref="StoreUnavailableException">Storage did not take the write for another reason (unreachable, busy).</exception>
    public async Task<string?> UpdateDeliveryAsync(string clinicId, string sessionId, string notificationId, NotificationDelivery delivery, string ifMatch, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(ifMatch) || StoreVersion.ToETag(ifMatch) == ETag.All)
        {
            throw new ArgumentException("A dispatch record is written only over the version its writer read.", nameof(ifMatch));
        }

        var entity = new TableEntity(ClinicSessionKey.Of(clinicId, sessionId), NotificationPrefix + notificationId);
        WriteDelivery(entity, delivery);
        try
        {
            var response = await table.UpdateEntityAsync(entity, StoreVersion.ToETag(ifMatch), TableUpdateMode.Merge, cancellationToken);
            return StoreVersion.Of(response.Headers.ETag);
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return null;
        }
        catch (RequestFailedException ex)
        {
            throw new StoreUnavailableException($"The dispatch record of notification {notificationId} was not written ({ex.Status} {ex.ErrorCode}).", ex);
        }
    }

    // Sub-responses come in the order of the actions; only notification rows are of interest.
    private static void Collect(Dictionary<string, ETag> etags, IReadOnlyList<TableTransactionAction> actions, Response<IReadOnlyList<Response>> responses)
    {
        for (var i = 0; i < actions.Count && i < responses.Value.Count; i++)
        {
            var rowKey = actions[i].Entity.RowKey;
            if (rowKey.StartsWith(NotificationPrefix, StringComparison.Ordinal) && responses.Value[i].Headers.ETag is { } etag)
            {
                etags[rowKey] = etag;
            }
        }
    }

    private static TableEntity ToEntity(Alert alert)
    {
        var entity = new TableEntity(ClinicSessionKey.Of(alert.ClinicId, alert.SessionId), AlertPrefix + alert.AlertId)
        {
            ["AlertId"] = alert.AlertId,
            ["ClinicId"] = alert.ClinicId,
            ["RuleId"] = alert.RuleId,
            ["Severity"] = alert.Severity.ToString().ToLowerInvariant(),
            ["State"] = alert.State.ToString().ToLowerInvariant(),
            ["RaisedAt"] = alert.RaisedAt,
            ["SuppressedBy"] = alert.SuppressedBy,
        };
        Utf8Property.Write(entity, "Json", AlertJson.Write(alert));
        return entity;
    }

    private static TableEntity ToEntity(string partitionKey, StoredNotification stored)
    {
        var n = stored.Notification;
        var entity = new TableEntity(partitionKey, NotificationPrefix + n.NotificationId)
        {
            ["Kind"] = n.Kind.ToString(),
            ["Target"] = n.Target.ToString(),
            ["Json"] = AlertJson.Write(n),
        };
        Utf8Property.Write(entity, "PayloadJson", stored.PayloadJson);
        WriteDelivery(entity, stored.Delivery);
        return entity;
    }

    private static void WriteDelivery(TableEntity entity, NotificationDelivery delivery)
    {
        entity["DeliveryJson"] = AlertJson.Write(delivery);
        entity["Attempts"] = delivery.Attempts;
        entity["LastError"] = delivery.LastError;
        entity["NextAttemptAt"] = delivery.NextAttemptAt;
        entity["DeliveredAt"] = delivery.DeliveredAt;
    }

    private static StoredNotification ToNotification(TableEntity entity) => new(
        AlertJson.Read<AlertNotification>(entity.GetString("Json") ?? "null"),
        Utf8Property.Read(entity, "PayloadJson"),
        AlertJson.Read<NotificationDelivery>(entity.GetString("DeliveryJson") ?? "null"),
        StoreVersion.Of(entity.ETag));
}
