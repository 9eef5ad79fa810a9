using System.Text.Json.Nodes;
using InfusionAudit.Domain.Contract;
using Shouldly;

namespace InfusionAudit.Domain.Tests.Contract;

/// <summary>Builders for valid contract events, to be bent one field at a time by the tests.</summary>
internal static class TestEvents
{
    public static JsonObject Envelope(string type, long sequence, JsonObject payload, string eventId = "p17-000123") => new()
    {
        ["schemaVersion"] = 1,
        ["eventId"] = eventId,
        ["type"] = type,
        ["sessionId"] = "S-0001",
        ["clinicId"] = "abq-01",
        ["deviceId"] = "pump-17",
        ["sequence"] = sequence,
        ["occurredAt"] = "2026-11-26T15:00:00Z",
        ["payload"] = payload,
    };

    public static JsonObject SessionStartedIv() => Envelope("SessionStarted", 0, new JsonObject
    {
        ["patientRef"] = "MRN-778812",
        ["protocolId"] = "ketamine-iv-depression",
        ["route"] = "IV",
        ["weightKg"] = 70,
        ["prescribedDoseMgPerKg"] = 0.5,
        ["plannedDurationMin"] = 40,
        ["concentrationMgPerMl"] = 1.0,
    });

    public static JsonObject SessionStartedIntranasal() => Envelope("SessionStarted", 0, new JsonObject
    {
        ["patientRef"] = "MRN-778812",
        ["protocolId"] = "esketamine-in-trd",
        ["route"] = "IN",
        ["weightKg"] = 82.5,
        ["prescribedDoseMg"] = 56,
        ["patientAgeYears"] = 44,
    });

    /// <summary>A valid event of each type.</summary>
    public static JsonObject Of(EventType type) => type switch
    {
        EventType.SessionStarted => SessionStartedIv(),
        EventType.InfusionRateChanged => Envelope("InfusionRateChanged", 1, new JsonObject { ["rateMlPerHour"] = 52.5 }),
        EventType.InfusionPaused => Envelope("InfusionPaused", 2, new JsonObject { ["reason"] = "patient asked for a break" }),
        EventType.InfusionResumed => Envelope("InfusionResumed", 3, []),
        EventType.DoseAdministered => Envelope("DoseAdministered", 1, new JsonObject { ["doseMg"] = 28 }),
        EventType.PumpTotalReported => Envelope("PumpTotalReported", 4, new JsonObject { ["volumeInfusedMl"] = 17.5 }),
        EventType.VitalsRecorded => Envelope("VitalsRecorded", 5, new JsonObject { ["heartRateBpm"] = 88, ["spo2Percent"] = 97 }),
        EventType.AdverseEffectObserved => Envelope(
            "AdverseEffectObserved", 6, new JsonObject { ["effect"] = "nausea", ["severity"] = "mild" }),
        EventType.SessionEnded => Envelope("SessionEnded", 7, new JsonObject { ["reason"] = "completed" }),
        EventType.ScreeningRecorded => Envelope(
            "ScreeningRecorded", 0, new JsonObject { ["contraindicationsChecked"] = true, ["consentObtained"] = true }),
        EventType.PatientDischarged => Envelope("PatientDischarged", 8, new JsonObject { ["readyToLeaveAt"] = "2026-11-26T16:10:00Z" }),
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>Sets a field by dotted path (<c>payload.weightKg</c>); a null value writes JSON null.</summary>
    public static JsonObject With(this JsonObject e, string path, JsonNode? value)
    {
        var (parent, name) = Locate(e, path);
        parent[name] = value;
        return e;
    }

    /// <summary>Sets a field to a raw JSON literal, for numbers no CLR type holds (<c>1e400</c>, <c>1.0</c>).</summary>
    public static JsonObject WithRaw(this JsonObject e, string path, string json) => e.With(path, JsonNode.Parse(json));

    public static JsonObject Without(this JsonObject e, string path)
    {
        var (parent, name) = Locate(e, path);
        parent.Remove(name);
        return e;
    }

    public static string Json(this JsonNode node) => node.ToJsonString();

    public static ParsedEvent ParseSingle(string json)
    {
        var message = EventParser.Parse(json);
        message.Problem.ShouldBeNull();
        message.Events.Count.ShouldBe(1);
        return message.Events[0];
    }

    public static DeviceEvent Accepted(this JsonObject e)
    {
        var parsed = ParseSingle(e.Json());
        parsed.Rejection.ShouldBeNull();
        return parsed.Event.ShouldNotBeNull();
    }

    public static EventRejection Rejected(this JsonObject e) => Rejected(e.Json());

    public static EventRejection Rejected(string json)
    {
        var parsed = ParseSingle(json);
        parsed.Event.ShouldBeNull();
        return parsed.Rejection.ShouldNotBeNull();
    }

    public static string? Rule(this ParsedEvent parsed) => parsed.Rejection?.Rule;

    private static (JsonObject Parent, string Name) Locate(JsonObject e, string path)
    {
        var parts = path.Split('.');
        var parent = e;
        foreach (var part in parts[..^1])
        {
            parent = parent[part]!.AsObject();
        }

        return (parent, parts[^1]);
    }
}
