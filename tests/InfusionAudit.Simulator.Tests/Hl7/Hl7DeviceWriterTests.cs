using System.Globalization;
using System.Text.Json.Nodes;
using InfusionAudit.Hl7.Er7;
using InfusionAudit.Hl7.Mapping;
using InfusionAudit.Simulator.Batching;
using InfusionAudit.Simulator.Contract;
using InfusionAudit.Simulator.Generation;
using InfusionAudit.Simulator.Hl7;

namespace InfusionAudit.Simulator.Tests.Hl7;

/// <summary>
/// The simulator's HL7 for pumps and monitors, read back by the backend's own parser and mapper: every device event of
/// every scenario becomes exactly the contract event it stands for (same session, clinic, device, sequence, time and
/// numbers), except what docs/simulator.md says HL7 cannot carry (a pause's reason; a resume is a restart at its rate).
/// </summary>
public sealed class Hl7DeviceWriterTests
{
    private static readonly string[] DeviceTypes = ["VitalsRecorded", "PumpTotalReported", "InfusionRateChanged", "InfusionPaused", "InfusionResumed"];

    public static TheoryData<bool> Streaming => [false, true];

    /// <summary>Every scenario at least once (the day's first sessions), the rest drawn.</summary>
    internal static ScenarioMix EveryScenario => ScenarioMix.Parse(string.Join(",", Enum.GetNames<Scenario>()));

    [Theory]
    [MemberData(nameof(Streaming))]
    public void EveryDeviceEventOfEveryScenarioMapsBackToTheSameContractEvent(bool streaming)
    {
        var options = SimulatorTestData.Options(seed: 11, mix: EveryScenario)
            with { Sessions = Enum.GetValues<Scenario>().Length * 2, MonitorEvery = streaming ? TimeSpan.FromSeconds(120) : null };
        var events = Batcher.ForwardingOrder(new ClinicDayGenerator(options).Generate()).ToList();
        var facts = Hl7DeviceWriter.Facts(events);
        var converted = 0;

        foreach (var wire in events.Where(e => e.Kind is WireEventKind.Original or WireEventKind.Duplicate))
        {
            var json = SimulatorTestData.Json(wire);
            var type = json["type"]!.GetValue<string>();
            var er7 = Hl7DeviceWriter.TryWrite(wire, facts[wire.SessionId]);
            if (!DeviceTypes.Contains(type))
            {
                er7.ShouldBeNull(type);
                continue;
            }

            er7.ShouldNotBeNull(wire.Json);
            converted++;
            var parsed = Er7Parser.Parse(er7);
            parsed.Problem.ShouldBeNull(er7);
            var mapping = Hl7EventMapper.Map(parsed.Message!, new Hl7MappingOptions());
            mapping.Problem.ShouldBeNull(er7);
            var mapped = JsonNode.Parse(mapping.EventsJson!)!.AsArray();
            mapped.Count.ShouldBe(1, er7);
            var back = mapped[0]!.AsObject();

            foreach (var field in new[] { "sessionId", "clinicId", "deviceId" })
            {
                back[field]!.GetValue<string>().ShouldBe(json[field]!.GetValue<string>(), field);
            }

            back["sequence"]!.GetValue<long>().ShouldBe(json["sequence"]!.GetValue<long>());
            SimulatorTestData.At(back).ShouldBe(SimulatorTestData.At(json));
            var payload = SimulatorTestData.Payload(back);
            payload["patientRef"]!.GetValue<string>().ShouldBe(facts[wire.SessionId].PatientRef);
            var expected = SimulatorTestData.Payload(json);
            switch (type)
            {
                case "InfusionPaused":
                    back["type"]!.GetValue<string>().ShouldBe("InfusionPaused");
                    break;
                case "InfusionResumed":
                    // A pump restarts at a rate: the rate the session last ran at, which is what a resume means in the contract.
                    back["type"]!.GetValue<string>().ShouldBe("InfusionRateChanged");
                    var (field, value) = facts[wire.SessionId].RateBefore(json["sequence"]!.GetValue<long>())!.Value;
                    SimulatorTestData.Number(payload, field).ShouldBe(double.Parse(value, CultureInfo.InvariantCulture));
                    break;
                case "InfusionRateChanged" when expected.Single().Value!.GetValue<double>() == 0:
                    // Stopped: the contract's rate 0 in whichever unit (the engine reads both as "not running").
                    back["type"]!.GetValue<string>().ShouldBe("InfusionRateChanged");
                    payload.Where(p => p.Key != "patientRef").Single().Value!.GetValue<double>().ShouldBe(0);
                    break;
                default:
                    back["type"]!.GetValue<string>().ShouldBe(type);
                    payload.Where(p => p.Key != "patientRef").Select(p => (p.Key, p.Value!.GetValue<double>())).Order()
                        .ShouldBe(expected.Select(p => (p.Key, p.Value!.GetValue<double>())).Order(), er7);
                    break;
            }
        }

        converted.ShouldBeGreaterThan(streaming ? 300 : 100);
    }
}
