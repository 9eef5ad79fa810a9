using System.Text.Json.Nodes;
using InfusionAudit.Application.Ports.Sessions;
using InfusionAudit.Testing;

namespace InfusionAudit.Infrastructure.Tests.Storage;

/// <summary>Sessions of 1 Hz vitals as stored rows and as a writer holds them, from the contract's own JSON.</summary>
internal static class HeldSessions
{
    public const string Clinic = "abq-01";

    /// <summary>
    /// The rows of <paramref name="readings"/> 1 Hz readings of one monitor, each with its stored text and, as a read from
    /// storage gives them, strings of its own.
    /// </summary>
    public static SessionPartition Rows(string sessionId, int readings)
    {
        var script = new SessionScript(sessionId, Clinic, "monitor-07");
        var rows = new List<SessionEventRow>(readings);
        for (var i = 0; i < readings; i++)
        {
            var json = script.Vitals(TimeSpan.FromSeconds(i), systolic: 118 + (i % 7), diastolic: 76 + (i % 3), heartRate: 70 + (i % 5), spo2: 97 + (i % 2));
            var text = json.ToJsonString();
            rows.Add(new SessionEventRow(
                Own(sessionId),
                (string)json["eventId"]!,
                i,
                Own("VitalsRecorded"),
                Own(Clinic),
                Own("monitor-07"),
                script.Start.AddSeconds(i),
                script.Start.AddSeconds(i + 2),
                text));
        }

        return new SessionPartition(Clinic, sessionId, null, null, rows, []);
    }

    /// <summary>One stored 1 Hz reading whose text passes the contract, as a writer stores it.</summary>
    public static SessionEventRow Row(string sessionId, string eventId, long sequence, string clinicId = Clinic)
    {
        var at = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var text = SessionScript.Event(eventId, sessionId, clinicId, "mon-1", sequence, "VitalsRecorded", at, new JsonObject { ["heartRateBpm"] = 72, ["spo2Percent"] = 98 }).ToJsonString();
        return new SessionEventRow(sessionId, eventId, sequence, "VitalsRecorded", clinicId, "mon-1", at, at, text);
    }

    private static string Own(string text) => new(text.AsSpan());

    public static HeldSession Held(string sessionId, int readings) => HeldSession.Of(Rows(sessionId, readings));
}
