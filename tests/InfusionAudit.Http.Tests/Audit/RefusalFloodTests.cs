using System.Diagnostics.Metrics;
using System.Net;
using InfusionAudit.Application.Telemetry;
using InfusionAudit.Application.Ports.Audit;
using InfusionAudit.Infrastructure.Storage.Audit;
using InfusionAudit.Infrastructure.Telemetry;
using InfusionAudit.Testing;

namespace InfusionAudit.Http.Tests.Audit;

/// <summary>
/// Refused audit reads (no key, a wrong key, the wrong role) are counted by a metric and sampled into the access log,
/// so a flood of them cannot flood the log; an authenticated read is still one row each.
/// </summary>
public sealed class RefusalFloodTests
{
    private const int Flood = 60;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AFloodOfRefusalsLeavesAFewSampledRowsAndACountWhileEveryAuthorisedReadIsARow()
    {
        await using var host = await TestHost.StartAsync();
        var clinic = "flood-" + Guid.NewGuid().ToString("N")[..8];
        var path = $"/api/clinics/{clinic}/findings?from=2025-09-01&to=2025-09-01";
        long refusedCounted = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == InfusionAuditTelemetry.SourceName && instrument.Name == "infusionaudit.access.refused")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref refusedCounted, value));
        listener.Start();

        var anonymous = host.Client(null);
        var wrongKey = host.Client("not-a-key");
        var producer = host.Client(TestKeys.Producer);
        for (var i = 0; i < Flood; i++)
        {
            (await anonymous.GetAsync(path, Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            (await wrongKey.GetAsync(path, Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            (await producer.GetAsync(path, Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        }

        var auditor = host.Client(TestKeys.Auditor);
        for (var i = 0; i < 3; i++)
        {
            (await auditor.GetAsync(path, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var rows = await RowsAsync(host, clinic);
        rows.Count(r => r.Status == 200).ShouldBe(3);
        // No key and a wrong key are two callers (anonymous, unknown-key), each sampled on its own (issue 14 item 6).
        rows.Count(r => r.Status == 401).ShouldBeInRange(2, 20);
        rows.Where(r => r.Status == 401).Select(r => r.Caller).Distinct().Order().ShouldBe(["anonymous", "unknown-key"]);
        rows.Count(r => r.Status == 403).ShouldBeInRange(1, 10);
        rows.ShouldContain(r => r.Status == 403 && r.Caller.StartsWith("producer:", StringComparison.Ordinal));
        Interlocked.Read(ref refusedCounted).ShouldBeGreaterThanOrEqualTo(3 * Flood);
    }

    private static async Task<List<AccessLogRow>> RowsAsync(TestHost host, string clinic)
    {
        var log = host.Get<AccessLogRepository>();
        var rows = new List<AccessLogRow>();
        foreach (var day in new[] { DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow }.Select(d => DateOnly.FromDateTime(d.UtcDateTime)).Distinct())
        {
            StorageCursor? cursor = null;
            do
            {
                var page = await log.ListPageAsync(day, cursor, 1000, Ct);
                rows.AddRange(page.Rows.Where(r => r.Parameters.Contains(clinic, StringComparison.Ordinal)));
                cursor = page.Next;
            }
            while (cursor is not null);
        }

        return rows;
    }
}
