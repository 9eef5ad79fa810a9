using System.Text.Json.Nodes;
using InfusionAudit.Application.Ingestion;
using InfusionAudit.Infrastructure.Storage;

namespace InfusionAudit.Testing;

/// <summary>
/// A local host for the audit tests plus a second storage account object on the same Azurite with a counter of its
/// own: queries built on it count exactly their own requests, whatever the host's trigger and timer do meanwhile.
/// </summary>
public sealed class AuditFixture : IAsyncLifetime
{
    private readonly IReadOnlyDictionary<string, string?> settings;

    public AuditFixture()
        : this(new Dictionary<string, string?>())
    {
    }

    // Private: xunit requires a class fixture to have a single public constructor.
    private AuditFixture(IReadOnlyDictionary<string, string?> settings) => this.settings = settings;

    /// <summary>A fixture whose host has these settings beside the defaults (e.g. a clinic time zone).</summary>
    public static AuditFixture With(IReadOnlyDictionary<string, string?> settings) => new(settings);

    public TestHost Host { get; private set; } = null!;

    public StorageRequestCounter Counter { get; } = new();

    public StorageAccount CountedAccount { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var all = new Dictionary<string, string?>(settings) { ["LocalHost:Clock"] = "off" };
        Host = await TestHost.StartAsync(settings: all);
        CountedAccount = new StorageAccount(Azurite.ConnectionString, Counter);
        await CountedAccount.EnsureTablesAsync(CancellationToken.None);
    }

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();

    /// <summary>Ingests events through the real handler as one queue message received at <paramref name="receivedAt"/>.</summary>
    public async Task<IngestResult> IngestAsync(IEnumerable<JsonObject> events, DateTimeOffset receivedAt) =>
        await Host.Ingest.HandleAsync(SessionScript.Batch(events), new IngestContext("queue", "m-" + Guid.NewGuid().ToString("N"), receivedAt), CancellationToken.None);

    /// <summary>Ingests a scripted session received just after its last event.</summary>
    public async Task<AuditSession> IngestAsync(AuditSession session)
    {
        var result = await IngestAsync(session.Events, session.ReceivedAt);
        result.Rejected.ShouldBe(0, $"the scripted events of {session.Script.SessionId} must pass the contract");
        return session;
    }

    public static string NewClinic(string prefix = "aud") => $"{prefix}-{Guid.NewGuid():N}"[..16];
}
