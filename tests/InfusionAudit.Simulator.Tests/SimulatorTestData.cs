using System.Text.Json.Nodes;
using InfusionAudit.Simulator.Contract;
using InfusionAudit.Simulator.Generation;

namespace InfusionAudit.Simulator.Tests;

internal static class SimulatorTestData
{
    public static readonly DateTimeOffset DayStart = new(2026, 11, 26, 8, 0, 0, TimeSpan.Zero);

    public static ClinicDayOptions Options(int sessions = 12, int seed = 42, ScenarioMix? mix = null) => new()
    {
        ClinicId = "abq-01",
        Start = DayStart,
        Seed = seed,
        Sessions = sessions,
        Mix = mix ?? ScenarioMix.WithFaults,
    };

    public static List<GeneratedSession> Day(int sessions = 12, int seed = 42, ScenarioMix? mix = null) =>
        new ClinicDayGenerator(Options(sessions, seed, mix)).Generate().ToList();

    /// <summary>Sessions of one scenario only, several seeds' worth so that random branches are covered.</summary>
    public static List<GeneratedSession> Only(Scenario scenario, int sessions = 20, int seed = 7) =>
        Day(sessions, seed, ScenarioMix.From((scenario, 1)));

    /// <summary>As <see cref="Only"/>, with every chair's monitor streaming a reading every <paramref name="seconds"/>.</summary>
    public static List<GeneratedSession> Streamed(Scenario scenario, int sessions = 20, int seed = 7, int seconds = 60) =>
        new ClinicDayGenerator(Options(sessions, seed, ScenarioMix.From((scenario, 1))) with { MonitorEvery = TimeSpan.FromSeconds(seconds) })
            .Generate().ToList();

    public static JsonObject Json(WireEvent e) => JsonNode.Parse(e.Json)!.AsObject();

    /// <summary>The session's recorded events as JSON, in sequence order.</summary>
    public static List<JsonObject> Recorded(GeneratedSession session) =>
        [.. session.RecordedEvents.Select(Json).OrderBy(e => e["sequence"]!.GetValue<long>())];

    public static IEnumerable<JsonObject> OfType(this IEnumerable<JsonObject> events, string type) =>
        events.Where(e => e["type"]!.GetValue<string>() == type);

    public static DateTimeOffset At(JsonObject e) => DateTimeOffset.Parse(e["occurredAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);

    public static JsonObject Payload(JsonObject e) => e["payload"]!.AsObject();

    public static double Number(JsonObject payload, string name) => payload[name]!.GetValue<double>();

    /// <summary>
    /// The session's record closes with its <c>SessionEnded</c>, or (contract 1.1) with the <c>PatientDischarged</c> that ends
    /// the observation after it.
    /// </summary>
    public static void EndsWithTheEndOrTheDischargeAfterIt(IReadOnlyList<System.Text.Json.Nodes.JsonNode> recorded)
    {
        var types = recorded.Select(e => e["type"]!.GetValue<string>()).ToList();
        if (types[^1] == "PatientDischarged")
        {
            types.ShouldContain("SessionEnded");
            types.LastIndexOf("SessionEnded").ShouldBeLessThan(types.Count - 1);
        }
        else
        {
            types[^1].ShouldBe("SessionEnded");
        }
    }
}
