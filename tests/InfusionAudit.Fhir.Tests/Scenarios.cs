using System.Text.Json.Nodes;
using InfusionAudit.Application.Audit;
using InfusionAudit.Testing;

namespace InfusionAudit.Fhir.Tests;

/// <summary>The sessions the mapping tests export, judged by the real engine (<see cref="JudgedSession"/>).</summary>
internal static class Scenarios
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// IV, 70 kg, 0.5 mg/kg over 40 min at 1 mg/mL, but run at 120 mL/h for 40 min (80 mg); a 5 mg bolus of lot LOT-9
    /// at 20 min; SpO2 86 % at 10 min; a reading at 15 min with the systolic pressure only (150) and a respiratory rate
    /// of 14; ended completed at 45 min, received at 50.
    /// </summary>
    public static (SessionScript Script, IReadOnlyList<JsonObject> Events) Overdose()
    {
        var script = JudgedSession.Script();
        List<JsonObject> events =
        [
            script.Vitals(TimeSpan.FromMinutes(-5)),
            script.Started(),
            script.Rate(TimeSpan.FromSeconds(30), 120),
            script.Vitals(TimeSpan.FromMinutes(10), spo2: 86),
            script.Event("VitalsRecorded", TimeSpan.FromMinutes(15), new JsonObject { ["systolicMmHg"] = 150, ["respiratoryRatePerMin"] = 14 }),
            script.Event("DoseAdministered", TimeSpan.FromMinutes(20), new JsonObject { ["doseMg"] = 5, ["lotNumber"] = "LOT-9" }),
            script.Rate(TimeSpan.FromSeconds(30) + TimeSpan.FromMinutes(40), 0),
            script.Ended(TimeSpan.FromMinutes(45)),
        ];
        return (script, events);
    }

    public static SessionExport OverdoseExport(Func<SessionExport, IReadOnlyList<SessionAlertDocument>>? alerts = null)
    {
        var (script, events) = Overdose();
        var export = JudgedSession.Judge(script, events, Start.AddMinutes(50));
        return alerts is null ? export : export with { Alerts = alerts(export) };
    }

    /// <summary>Three alerts on the session's first three findings: open, acknowledged by Dr. Example, resolved.</summary>
    public static IReadOnlyList<SessionAlertDocument> ThreeAlerts(SessionExport export)
    {
        var f = export.Document.Findings;
        f.Count.ShouldBeGreaterThanOrEqualTo(3, "the overdose scenario has at least three findings");
        return
        [
            Alert(f[0].RuleId, f[0].EpisodeKey, f[0].Severity, "open", null, null),
            Alert(f[1].RuleId, f[1].EpisodeKey, f[1].Severity, "acknowledged", Start.AddMinutes(52), "Dr. Example"),
            Alert(f[2].RuleId, f[2].EpisodeKey, f[2].Severity, "resolved", Start.AddMinutes(53), "Dr. Example"),
        ];
    }

    private static SessionAlertDocument Alert(string rule, string episode, string severity, string state, DateTimeOffset? acknowledgedAt, string? by) =>
        new($"alert-{rule}-{episode}".Replace('|', '-'), rule, episode, severity, state, Start.AddMinutes(50), Start.AddMinutes(50), null,
            acknowledgedAt, acknowledgedAt is null ? null : by, state == "resolved" ? Start.AddMinutes(55) : null, state == "resolved" ? by : null,
            state == "resolved" ? "infusion stopped, patient stable" : null, null);
}
