using System.Text.Json.Nodes;

namespace InfusionAudit.Testing;

/// <summary>A scripted session and when the backend receives it.</summary>
public sealed record AuditSession(SessionScript Script, IReadOnlyList<JsonObject> Events, DateTimeOffset ReceivedAt)
{
    public string SessionId => Script.SessionId;

    /// <summary>The contract example: 70 kg, 0.5 mg/kg over 40 min, completed, no findings; delivers 0.5 mg/kg.</summary>
    public static AuditSession Standard(string clinic, DateTimeOffset start, Func<SessionScript, IEnumerable<JsonObject>>? extra = null)
    {
        var script = new SessionScript(clinicId: clinic) { Start = start };
        var events = script.StandardIvSession().Concat(extra?.Invoke(script) ?? []).ToList();
        return new AuditSession(script, events, start.AddMinutes(50));
    }

    /// <summary>Runs at 120 mL/h instead of 52.5 for 40 min: 80 mg = 1.1429 mg/kg, rate and over-delivery findings; completed but not within protocol.</summary>
    public static AuditSession Overdose(string clinic, DateTimeOffset start)
    {
        var script = new SessionScript(clinicId: clinic) { Start = start };
        List<JsonObject> events =
        [
            script.Vitals(TimeSpan.FromMinutes(-5)),
            script.Started(),
            script.Rate(TimeSpan.FromSeconds(30), 120),
            script.Rate(TimeSpan.FromSeconds(30) + TimeSpan.FromMinutes(40), 0),
            script.Ended(TimeSpan.FromMinutes(45)),
        ];
        return new AuditSession(script, events, start.AddMinutes(50));
    }

    /// <summary>Stopped after 20 min for severe hallucinations: 17.5 mg = 0.25 mg/kg, AE-SEVERE and SESSION-STOPPED-AE.</summary>
    public static AuditSession StoppedForAdverseEffect(string clinic, DateTimeOffset start)
    {
        var script = new SessionScript(clinicId: clinic) { Start = start };
        List<JsonObject> events =
        [
            script.Vitals(TimeSpan.FromMinutes(-5)),
            script.Started(),
            script.Rate(TimeSpan.FromSeconds(30), 52.5),
            AdverseEffect(script, TimeSpan.FromMinutes(19), "hallucinations", "severe"),
            script.Rate(TimeSpan.FromSeconds(30) + TimeSpan.FromMinutes(20), 0),
            script.Ended(TimeSpan.FromMinutes(21), "stoppedForAdverseEffect"),
        ];
        return new AuditSession(script, events, start.AddMinutes(50));
    }

    /// <summary>Started and infusing, not ended.</summary>
    public static AuditSession Running(string clinic, DateTimeOffset start)
    {
        var script = new SessionScript(clinicId: clinic) { Start = start };
        List<JsonObject> events = [script.Vitals(TimeSpan.FromMinutes(-5)), script.Started(), script.Rate(TimeSpan.FromSeconds(30), 52.5)];
        return new AuditSession(script, events, start.AddMinutes(2));
    }

    public static JsonObject AdverseEffect(SessionScript script, TimeSpan at, string effect, string severity) =>
        script.Event("AdverseEffectObserved", at, new JsonObject { ["effect"] = effect, ["severity"] = severity });
}
