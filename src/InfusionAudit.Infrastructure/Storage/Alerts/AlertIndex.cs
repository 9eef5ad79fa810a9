using System.Globalization;
using Azure;
using Azure.Data.Tables;
using InfusionAudit.Domain.Alerts;
using InfusionAudit.Domain.Sessions;
using InfusionAudit.Infrastructure.Storage.Audit;
using InfusionAudit.Infrastructure.Storage.Tables;

namespace InfusionAudit.Infrastructure.Storage.Alerts;

/// <summary>
/// The <see cref="TableNames.AlertIndex"/> table: what the alert timer and the API find without a scan.
/// <list type="bullet">
/// <item>Partition <c>due|{scope}</c>: one row per session with timer work, keyed <c>{sessionId}@{clinicId}</c>, with its due time.
/// Writers upsert it before they commit a decision; the timer reschedules or removes it only with the ETag it read, so
/// a writer's newer schedule is never lost. The scope lets hosts that deliver to different places (a staging slot, a
/// test host) share one storage account without sending each other's alerts.</item>
/// <item>Partitions <c>list|{clinic}|{state}</c> and <c>list|{clinic}|all</c>: alerts of a clinic newest first, and the
/// same rows under <c>list|*|…</c> for every clinic (the admin's list; <c>*</c> is no contract id). A state
/// change adds the new row before the decision commits and removes the old one after; a row left behind by a crash in
/// between is recognised on read (its alert is in another state) and removed then.</item>
/// <item>Partitions <c>day|{clinic}|{yyyy-MM}</c>: alerts of a clinic by the clinical date of their session (the date the
/// session lists and the compliance report use), one row per alert keyed <c>{inverted day}|{inverted raise ticks}|{alertId}</c>
/// (newest day first, newest raise first within it), with its state and acknowledgement time, rewritten when they change.
/// A range of dates is a key range of one partition per month.</item>
/// </list>
/// </summary>
public sealed class AlertIndex(StorageAccount account) : IAlertIndex
{
    private const string AllStates = "all";

    // The clinic part of the partitions that list every clinic's alerts; '*' is not allowed in a contract id.
    private const string AllClinics = "*";

    private readonly TableClient table = account.Tables.GetTableClient(TableNames.AlertIndex);

    /// <summary>Sets when the timer next has work for a session.</summary>
    public async Task ScheduleAsync(string scope, string sessionId, string clinicId, DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(DuePartition(scope), ClinicSessionKey.Of(clinicId, sessionId)) { ["DueAt"] = dueAt, ["ClinicId"] = clinicId, ["SessionId"] = sessionId };
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>Sessions whose work is due at <paramref name="now"/>, earliest first, at most <paramref name="max"/>.</summary>
    public async Task<IReadOnlyList<DueSession>> ListDueAsync(string scope, DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        var partition = DuePartition(scope);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and DueAt le {now}");
        var due = new List<DueSession>();
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, select: ["RowKey", "DueAt"], cancellationToken: cancellationToken))
        {
            // Rows of the format before sessions were scoped by clinic (keyed by session id alone) are not read.
            if (ClinicSessionKey.Parse(entity.RowKey) is var (clinicId, sessionId))
            {
                due.Add(new DueSession(clinicId, sessionId, entity.GetDateTimeOffset("DueAt") ?? now, entity.ETag.ToString()));
            }
        }

        return [.. due.OrderBy(d => d.DueAt).Take(max)];
    }

    /// <summary>Moves a session's due time, or removes it when <paramref name="next"/> is null; a no-op when a writer changed it since it was read.</summary>
    public async Task RescheduleAsync(string scope, DueSession due, DateTimeOffset? next, CancellationToken cancellationToken)
    {
        try
        {
            if (next is { } at)
            {
                var entity = new TableEntity(DuePartition(scope), ClinicSessionKey.Of(due.ClinicId, due.SessionId)) { ["DueAt"] = at };
                await table.UpdateEntityAsync(entity, StoreVersion.ToETag(due.ETag), TableUpdateMode.Merge, cancellationToken);
            }
            else
            {
                await table.DeleteEntityAsync(DuePartition(scope), ClinicSessionKey.Of(due.ClinicId, due.SessionId), StoreVersion.ToETag(due.ETag), cancellationToken);
            }
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            // A writer scheduled newer work (or another timer did this already): its row stands.
        }
    }

    /// <summary>Lists an alert under its clinic and under all clinics, in its current state and among all states (idempotent).</summary>
    public async Task ListAsync(Alert alert, CancellationToken cancellationToken)
    {
        await Task.WhenAll(
            table.UpsertEntityAsync(ListingEntity(alert, alert.ClinicId, AllStates), TableUpdateMode.Replace, cancellationToken),
            table.UpsertEntityAsync(ListingEntity(alert, alert.ClinicId, StateName(alert.State)), TableUpdateMode.Replace, cancellationToken),
            table.UpsertEntityAsync(ListingEntity(alert, AllClinics, AllStates), TableUpdateMode.Replace, cancellationToken),
            table.UpsertEntityAsync(ListingEntity(alert, AllClinics, StateName(alert.State)), TableUpdateMode.Replace, cancellationToken));
    }

    /// <summary>Lists an alert under its current state only (the all-states rows never change).</summary>
    public async Task ListStateAsync(Alert alert, CancellationToken cancellationToken) =>
        await Task.WhenAll(
            table.UpsertEntityAsync(ListingEntity(alert, alert.ClinicId, StateName(alert.State)), TableUpdateMode.Replace, cancellationToken),
            table.UpsertEntityAsync(ListingEntity(alert, AllClinics, StateName(alert.State)), TableUpdateMode.Replace, cancellationToken));

    /// <summary>Lists (or relists, after a change of state) an alert under its session's clinical date.</summary>
    public Task ListByDateAsync(Alert alert, DateOnly sessionDate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var entity = new TableEntity(DatePartition(alert.ClinicId, sessionDate), DateRowKey(alert, sessionDate))
        {
            ["AlertId"] = alert.AlertId,
            ["SessionId"] = alert.SessionId,
            ["SessionDate"] = sessionDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["State"] = StateName(alert.State),
            ["RaisedAt"] = alert.RaisedAt,
            ["AcknowledgedAt"] = alert.AcknowledgedAt,
        };
        return table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>Removes an alert's row under a clinical date its session no longer has.</summary>
    public async Task UnlistDateAsync(Alert alert, DateOnly sessionDate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        try
        {
            await table.DeleteEntityAsync(DatePartition(alert.ClinicId, sessionDate), DateRowKey(alert, sessionDate), ETag.All, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
        }
    }

    /// <summary>
    /// A page of the alerts of a clinic's sessions whose clinical date is in [from, to], newest date first, optionally
    /// only those stored in <paramref name="state"/>: a key range of one partition per month, newest month first.
    /// </summary>
    public async Task<StoragePage<AlertDateEntry>> PageByDateAsync(string clinicId, DateOnly from, DateOnly to, AlertState? state, StorageCursor? cursor, int take, CancellationToken cancellationToken)
    {
        var low = InvertedDay(to);
        var high = (long.Parse(InvertedDay(from), CultureInfo.InvariantCulture) + 1).ToString("D7", CultureInfo.InvariantCulture);
        var filters = new List<string>();
        for (var month = new DateOnly(to.Year, to.Month, 1); month >= new DateOnly(from.Year, from.Month, 1); month = month.AddMonths(-1))
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {DatePartition(clinicId, month)} and RowKey ge {low} and RowKey lt {high}");
            if (state is { } s)
            {
                filter += " and " + TableClient.CreateQueryFilter($"State eq {StateName(s)}");
            }

            filters.Add(filter);
        }

        var page = await PagedTableReader.ReadAsync(table, filters, ["AlertId", "SessionId", "SessionDate", "State", "RaisedAt", "AcknowledgedAt"], cursor, take, cancellationToken);
        return new StoragePage<AlertDateEntry>([.. page.Rows.Select(ToDateEntry)], page.Next, page.Requests);
    }

    /// <summary>Removes an alert's rows under a state it left.</summary>
    public Task UnlistStateAsync(Alert alert, AlertState state, CancellationToken cancellationToken) =>
        Task.WhenAll(
            RemoveStaleAsync(alert.ClinicId, state, ListingRowKey(alert), cancellationToken),
            RemoveStaleAsync(null, state, ListingRowKey(alert), cancellationToken));

    /// <summary>
    /// Removes a listing row found stale on read, under <paramref name="state"/> or, when null, among all states, of
    /// <paramref name="clinicId"/> or, when null, of the all-clinics listing.
    /// </summary>
    public async Task RemoveStaleAsync(string? clinicId, AlertState? state, string rowKey, CancellationToken cancellationToken)
    {
        try
        {
            await table.DeleteEntityAsync(ListingPartition(clinicId ?? AllClinics, state is { } s ? StateName(s) : AllStates), rowKey, ETag.All, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
        }
    }

    /// <summary>A page of a clinic's alerts (every clinic's when <paramref name="clinicId"/> is null), newest first, in one state or in all.</summary>
    /// <exception cref="ArgumentException">The continuation token is not one this API issued.</exception>
    public async Task<(AlertListingPage Page, IReadOnlyList<string> RowKeys)> PageAsync(string? clinicId, AlertState? state, int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        if (!ContinuationTokens.TryDecode(continuationToken, out var token))
        {
            throw new ArgumentException("The continuation token is not valid.", nameof(continuationToken));
        }

        var partition = ListingPartition(clinicId ?? AllClinics, state is { } s ? StateName(s) : AllStates);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition}");
        await foreach (var page in table.QueryAsync<TableEntity>(filter, maxPerPage: pageSize, select: ["RowKey", "AlertId", "SessionId"], cancellationToken: cancellationToken).AsPages(token, pageSize))
        {
            var entries = page.Values.Select(e => new AlertListingEntry(e.GetString("AlertId") ?? string.Empty, e.GetString("SessionId") ?? string.Empty, state)).ToList();
            return (new AlertListingPage(entries, ContinuationTokens.Encode(page.ContinuationToken)), page.Values.Select(e => e.RowKey).ToList());
        }

        return (new AlertListingPage([], null), []);
    }

    string IAlertIndex.ListingRowKey(Alert alert) => ListingRowKey(alert);

    /// <summary>The row key an alert has in every listing partition: newest first, then by id.</summary>
    public static string ListingRowKey(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return InvertedTicks(alert.RaisedAt).ToString("D19", CultureInfo.InvariantCulture) + "|" + alert.AlertId;
    }

    /// <summary>The listing partition of a clinic's alerts in one state (lower case) or in <c>all</c>.</summary>
    internal static string ListingPartition(string clinicId, string state) => "list|" + (clinicId == AllClinics ? AllClinics : KeyEncoding.Escape(clinicId)) + "|" + state;

    /// <summary>What a listing row key starts with (as D19): later raise times give smaller numbers, so keys read newest first.</summary>
    internal static long InvertedTicks(DateTimeOffset raisedAt) => DateTimeOffset.MaxValue.UtcTicks - raisedAt.UtcTicks;

    private static TableEntity ListingEntity(Alert alert, string clinicId, string state) => new(ListingPartition(clinicId, state), ListingRowKey(alert))
    {
        ["AlertId"] = alert.AlertId,
        ["SessionId"] = alert.SessionId,
        ["RuleId"] = alert.RuleId,
        ["RaisedAt"] = alert.RaisedAt,
    };

    private static string DatePartition(string clinicId, DateOnly sessionDate) =>
        "day|" + KeyEncoding.Escape(clinicId) + "|" + sessionDate.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private static string DateRowKey(Alert alert, DateOnly sessionDate) =>
        InvertedDay(sessionDate) + "|" + InvertedTicks(alert.RaisedAt).ToString("D19", CultureInfo.InvariantCulture) + "|" + alert.AlertId;

    /// <summary>Later dates give smaller numbers, so a month partition reads newest date first.</summary>
    private static string InvertedDay(DateOnly day) => (DateOnly.MaxValue.DayNumber - day.DayNumber).ToString("D7", CultureInfo.InvariantCulture);

    private static AlertDateEntry ToDateEntry(TableEntity e) => new(
        e.GetString("AlertId") ?? string.Empty,
        e.GetString("SessionId") ?? string.Empty,
        DateOnly.ParseExact(e.GetString("SessionDate") ?? "0001-01-01", "yyyy-MM-dd", CultureInfo.InvariantCulture),
        Enum.TryParse<AlertState>(e.GetString("State"), ignoreCase: true, out var state) ? state : AlertState.Open,
        e.GetDateTimeOffset("RaisedAt") ?? default,
        e.GetDateTimeOffset("AcknowledgedAt"));

    private static string DuePartition(string scope) => "due|" + KeyEncoding.Escape(scope);

    private static string StateName(AlertState state) => state.ToString().ToLowerInvariant();
}
