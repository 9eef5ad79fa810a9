using System.Text.Json;
using InfusionAudit.Simulator.Contract;
using InfusionAudit.Simulator.Generation;
using Shouldly;
using Xunit;
using static InfusionAudit.Simulator.Tests.SimulatorTestData;

namespace InfusionAudit.Simulator.Tests.Transport;

public sealed class TransportFaultTests
{
    [Fact]
    public void CleanScenariosSendEachEventOnceAtItsOwnTime()
    {
        foreach (var session in Day(sessions: 40, mix: ScenarioMix.Clinical))
        {
            session.Events.ShouldAllBe(e => e.Kind == WireEventKind.Original && e.SendAt == e.OccurredAt);
        }
    }

    [Fact]
    public void DuplicatesAreByteIdenticalResendsSentLater()
    {
        foreach (var session in Only(Scenario.Duplicates))
        {
            var duplicates = session.Events.Where(e => e.Kind == WireEventKind.Duplicate).ToList();
            duplicates.ShouldNotBeEmpty();

            foreach (var copy in duplicates)
            {
                var original = session.Events.Single(e => e.Kind == WireEventKind.Original && e.Json == copy.Json);
                copy.SendAt.ShouldBeGreaterThan(original.SendAt);
            }
        }
    }

    [Fact]
    public void ReorderingForwardsEventsOutOfSequenceOrder()
    {
        foreach (var session in Only(Scenario.Reordering))
        {
            var arrivalOrder = session.Events.Select(e => e.Sequence).ToList();

            arrivalOrder.ShouldNotBe(arrivalOrder.Order().ToList());
            arrivalOrder[0].ShouldNotBe(0L, "SessionStarted is held back by the pump's lost link");
            session.Events.ShouldAllBe(e => e.Kind == WireEventKind.Original);
        }
    }

    [Fact]
    public void BadFieldsAddsOneEventForEachClassicProducerBug()
    {
        foreach (var session in Only(Scenario.BadFields, sessions: 5))
        {
            var invalid = session.Events.Where(e => e.Kind == WireEventKind.Invalid).Select(Json).ToList();

            invalid.Count.ShouldBe(4);
            invalid.ShouldContain(e => !e.ContainsKey("eventId"));
            invalid.ShouldContain(e => e["type"]!.GetValue<string>() == "SessionStarted" && Number(Payload(e), "weightKg") < 0);
            invalid.ShouldContain(e => !ContractShape.Types.Contains(e["type"]!.GetValue<string>()));
            invalid.ShouldContain(e => e["type"]!.GetValue<string>() == "InfusionRateChanged"
                && Payload(e).Single().Value!.GetValueKind() == JsonValueKind.String
                && Payload(e).Single().Value!.GetValue<string>() == "fast");
        }
    }

    [Fact]
    public void BadFieldsEventsBreakTheContract()
    {
        foreach (var e in Only(Scenario.BadFields, sessions: 5).SelectMany(s => s.Events).Where(e => e.Kind == WireEventKind.Invalid))
        {
            Should.Throw<ShouldAssertException>(() => ContractShape.ShouldBeValidEvent(Json(e)));
        }
    }

    [Fact]
    public void BadFieldsKeepTheSessionsOwnRecordIntact()
    {
        foreach (var session in Only(Scenario.BadFields, sessions: 5))
        {
            var recorded = session.RecordedEvents.Select(Json).ToList();
            recorded.ForEach(ContractShape.ShouldBeValidEvent);

            // The broken events imitate recorded ones: they reuse sequence numbers rather than open gaps.
            session.Events.Where(e => e.Kind == WireEventKind.Invalid)
                .ShouldAllBe(e => session.RecordedEvents.Any(r => r.Sequence == e.Sequence));
        }
    }
}
