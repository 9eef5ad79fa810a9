using System.Diagnostics;
using System.Globalization;
using InfusionAudit.Application.Alerts;
using InfusionAudit.Application.Ingestion;
using InfusionAudit.AuditBenchmark;
using InfusionAudit.Domain.Alerts;
using InfusionAudit.Infrastructure.Alerts;
using InfusionAudit.Infrastructure.Storage;
using InfusionAudit.LocalHost.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

// Generates a clinic month on Azurite through the ingestion handler, then measures the audit routes over HTTP.
// See docs/benchmarks.md "Audit queries" for the command and the numbers.
var options = BenchmarkOptions.Parse(args);
const string AuditorKey = "bench-auditor-key";
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
{
    ["urls"] = "http://127.0.0.1:0",
    ["AzureWebJobsStorage"] = options.Storage,
    ["InfusionAudit:EventsQueue"] = "bench-events",
    ["InfusionAudit:PatientHashKey"] = "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0",
    ["InfusionAudit:Keys:Auditor"] = AuditorKey,
    ["LocalHost:Clock"] = "off",
    ["LocalHost:AlertClock"] = "off",
    ["Logging:LogLevel:Default"] = "Warning",
});
builder.AddLocalHost();
await using var app = builder.Build();
app.Services.ValidateLocalHost();
app.MapInfusionAuditRoutes();
await app.StartAsync(cancel.Token);
var baseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
var counter = app.Services.GetRequiredService<StorageRequestCounter>();
await app.Services.GetRequiredService<StorageAccount>().EnsureTablesAsync(cancel.Token);

var generator = new MonthGenerator(app.Services.GetRequiredService<IngestHandler>(), options);
var sessions = generator.Sessions();
var from = generator.FirstDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
// Through today: alerts carry the time they were raised (now, during generation), and the report counts alerts by raise day.
var to = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
Console.WriteLine($"clinic {options.Clinic}: {sessions.Count} sessions, {sessions.Sum(s => s.Events.Count)} events, {from} .. {to}");

if (!options.SkipGenerate)
{
    var requestsBefore = counter.Requests;
    var (events, messages, elapsed) = await generator.IngestAsync(sessions, n => Console.WriteLine($"  {n} sessions ingested"), cancel.Token);
    var requests = counter.Requests - requestsBefore;
    Console.WriteLine(FormattableString.Invariant(
        $"generated: {events} events in {messages} messages in {elapsed.TotalSeconds:F0} s ({events / elapsed.TotalSeconds:F0} events/s, {sessions.Count / elapsed.TotalSeconds:F0} sessions/s), {requests} storage requests ({(double)requests / messages:F1} per message)"));

    // A share of the alerts acknowledged by a person, so the report's time to acknowledge has something to measure.
    var alerts = app.Services.GetRequiredService<AlertQueryHandler>();
    var commands = app.Services.GetRequiredService<AlertCommandHandler>();
    var open = await alerts.ListAsync(options.Clinic, AlertState.Open, 200, null, cancel.Token);
    foreach (var alert in open.Items.Take(100))
    {
        await commands.AcknowledgeAsync(alert.Alert.AlertId, new AlertActor("bench on-call", null), "benchmark", cancel.Token);
    }

    Console.WriteLine($"acknowledged {Math.Min(100, open.Items.Count)} open alerts");
}

var bench = new QueryBenchmark(baseAddress, AuditorKey, counter);
var ids = sessions.Select(s => s.SessionId).ToList();
var clinicRange = $"/api/clinics/{options.Clinic}";
var results = new List<Latencies>
{
    await bench.SessionLookupsAsync("session lookup `GET /api/sessions/{id}`", ids, "", options.Lookups, cancel.Token),
    await bench.SessionLookupsAsync("session time line `GET /api/sessions/{id}/timeline`", ids, "/timeline", options.Lookups, cancel.Token),
    await bench.PagesAsync("findings page (100) `GET …/findings?from&to`", $"{clinicRange}/findings?from={from}&to={to}&pageSize=100", options.Pages, cancel.Token),
    await bench.PagesAsync("critical findings page (100) `…/findings?…&severity=critical`", $"{clinicRange}/findings?from={from}&to={to}&pageSize=100&severity=critical", options.Pages, cancel.Token),
    await bench.PagesAsync("sessions page (100) `GET …/sessions?from&to`", $"{clinicRange}/sessions?from={from}&to={to}&pageSize=100", options.Pages, cancel.Token),
};
var (report, last) = await bench.RepeatAsync("compliance report, month `GET …/compliance-report?from&to`", $"{clinicRange}/compliance-report?from={from}&to={to}", options.Reports, cancel.Token);
results.Add(report);

Console.WriteLine();
Console.WriteLine("| query | n | p50 ms | p95 ms | max ms | table requests per query (min / mean / max) |");
Console.WriteLine("|---|---:|---:|---:|---:|---|");
foreach (var r in results)
{
    var (min, mean, max) = r.Requests;
    Console.WriteLine(FormattableString.Invariant($"| {r.Name} | {r.Count} | {r.Percentile(50):F1} | {r.Percentile(95):F1} | {r.Max:F1} | {min} / {mean:F1} / {max} |"));
}

Console.WriteLine();
Console.WriteLine($"report: {last["sessions"]!.ToJsonString()}");
Console.WriteLine($"alerts: {last["alerts"]?.ToJsonString()}");
await app.StopAsync(CancellationToken.None);
