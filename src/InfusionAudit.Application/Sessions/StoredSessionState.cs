using System.Text.Json;
using System.Text.Json.Nodes;
using InfusionAudit.Domain.Sessions;

namespace InfusionAudit.Application.Sessions;

/// <summary>
/// The session state as stored on its state row and returned by <c>GET /api/sessions/{id}</c>. The lists that grow with
/// the session are bounded so that the row stays far below Table Storage's 1 MiB entity limit for any session the
/// contract allows: at most <see cref="MaxListedRateSegments"/> rate segments (the first and the last halves, with
/// <c>rateSegmentsOmitted</c> counting those between) and <see cref="MaxListedDevices"/> device ids (the first, with
/// <c>deviceIdsOmitted</c>). Totals (running time, doses, volumes, counts) are computed over everything, and the engine
/// always judges the full event log, so nothing that decides a finding is lost; the full segment list is one replay away.
/// </summary>
public static class StoredSessionState
{
    /// <summary>About 300 bytes each: 500 keep the state under 200 KB whatever the number of rate changes.</summary>
    public const int MaxListedRateSegments = 500;

    /// <summary>Device ids are at most 64 characters; a session has a handful of devices, never hundreds.</summary>
    public const int MaxListedDevices = 100;

    public static string Serialize(SessionState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.RateSegments.Count <= MaxListedRateSegments && state.DeviceIds.Count <= MaxListedDevices)
        {
            return JsonSerializer.Serialize(state, JsonDefaults.Options);
        }

        var json = JsonSerializer.SerializeToNode(state, JsonDefaults.Options)!.AsObject();
        Bound(json, "rateSegments", MaxListedRateSegments / 2, MaxListedRateSegments / 2);
        Bound(json, "deviceIds", MaxListedDevices, 0);
        return json.ToJsonString(JsonDefaults.Options);
    }

    /// <summary>Keeps the first <paramref name="head"/> and last <paramref name="tail"/> items of a list and counts the rest in <c>{name}Omitted</c>.</summary>
    private static void Bound(JsonObject json, string name, int head, int tail)
    {
        if (json[name] is not JsonArray list || list.Count <= head + tail)
        {
            return;
        }

        var omitted = list.Count - head - tail;
        var kept = list.Take(head).Concat(list.Skip(head + omitted)).Select(n => n?.DeepClone()).ToArray();
        json[name] = new JsonArray(kept);
        json[name + "Omitted"] = omitted;
    }
}
