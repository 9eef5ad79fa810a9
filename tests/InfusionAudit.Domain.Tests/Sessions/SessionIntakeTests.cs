using InfusionAudit.Domain.Contract;
using InfusionAudit.Domain.Sessions;
using InfusionAudit.Domain.Tests.Builders;
using Shouldly;
using Xunit;

namespace InfusionAudit.Domain.Tests.Sessions;

public sealed class SessionIntakeTests
{
    private static readonly IReadOnlyList<StoredEvent> Standard = SessionBuilder.StandardIv().Events;

    private static Dictionary<string, StoredEvent> Stored(params StoredEvent[] events) =>
        events.ToDictionary(e => e.Event.EventId, StringComparer.Ordinal);

    private static HashSet<string> Ids(params StoredEvent[] events) => events.Select(e => e.Event.EventId).ToHashSet(StringComparer.Ordinal);

    [Fact]
    public void EventsNotStoredAreNew()
    {
        var verdicts = SessionIntake.Classify([Standard[1].Event, Standard[2].Event], Stored(Standard[0]), Ids(Standard[0]));

        verdicts.ShouldBe([IntakeVerdict.New, IntakeVerdict.New]);
    }

    [Fact]
    public void TheSameEventStoredBeforeThisWriteIsADuplicate()
    {
        var verdicts = SessionIntake.Classify([Standard[0].Event, Standard[1].Event], Stored(Standard[0]), Ids(Standard[0]));

        verdicts.ShouldBe([IntakeVerdict.Duplicate, IntakeVerdict.New]);
    }

    [Fact]
    public void TheSameEventStoredByAnEarlierAttemptOfThisWriteIsItsOwn()
    {
        var verdicts = SessionIntake.Classify([Standard[0].Event], Stored(Standard[0]), Ids());

        verdicts.ShouldBe([IntakeVerdict.StoredByThisWrite]);
    }

    [Fact]
    public void AStoredIdCarriedByADifferentEventIsAReusedId()
    {
        var stored = Standard[1];
        var impostor = Standard[2].Event with { EventId = stored.Event.EventId };

        var verdicts = SessionIntake.Classify([impostor], Stored(stored), Ids(stored));

        verdicts.ShouldBe([IntakeVerdict.EventIdReused]);
        var rejection = SessionIntake.EventIdReusedRejection(impostor);
        rejection.EventId.ShouldBe(stored.Event.EventId);
        rejection.Field.ShouldBe("eventId");
        rejection.Rule.ShouldBe("event-id-reused");
        rejection.Message.ShouldContain(impostor.SessionId);
    }

    [Fact]
    public void AnIdRepeatedInOneMessageIsADuplicateWhenEqualAndReusedWhenNot()
    {
        var first = Standard[1].Event;
        var different = Standard[2].Event with { EventId = first.EventId };

        var verdicts = SessionIntake.Classify([first, first, different], Stored(), Ids());

        verdicts.ShouldBe([IntakeVerdict.New, IntakeVerdict.Duplicate, IntakeVerdict.EventIdReused]);
    }

    [Fact]
    public void AProducerBoundToNoClinicMayWriteForAny()
    {
        SessionIntake.CheckClinic(Standard[0].Event, null).ShouldBeNull();
        SessionIntake.CheckClinic(Standard[0].Event, new HashSet<string> { "abq-01" }).ShouldBeNull();
    }

    [Fact]
    public void AProducerBoundToOtherClinicsIsRefusedTheEventNamingItsClinics()
    {
        var rejection = SessionIntake.CheckClinic(Standard[0].Event, new HashSet<string> { "sfe-02", "lcr-03" });

        rejection.ShouldNotBeNull();
        rejection.EventId.ShouldBe(Standard[0].Event.EventId);
        rejection.Field.ShouldBe("clinicId");
        rejection.Rule.ShouldBe("clinic-not-allowed");
        rejection.Message.ShouldBe("This producer may write only for clinic(s) lcr-03, sfe-02; the event is for clinic abq-01.");
    }

    [Fact]
    public void TheSameSessionIdAtTwoClinicsIsTwoSessions()
    {
        var here = Standard[0].Event;
        var there = here with { ClinicId = "sfe-02" };

        SessionIntake.SessionOf(here).ShouldBe(("abq-01", "S-0001"));
        SessionIntake.SessionOf(there).ShouldNotBe(SessionIntake.SessionOf(here));
    }

    [Fact]
    public void ASessionNeverJudgedTakesTheLatestProtocolVersion()
    {
        SessionIntake.PinnedProtocolVersion(null, null, Standard).ShouldBeNull();
        SessionIntake.PinnedProtocolVersion(TestProtocols.IvId, null, Standard).ShouldBeNull();
    }

    [Fact]
    public void ASessionStaysOnTheVersionItWasJudgedAgainstWhileItsStartNamesThatProtocol()
    {
        SessionIntake.PinnedProtocolVersion(TestProtocols.IvId, 1, Standard).ShouldBe(1);
    }

    [Fact]
    public void ASessionWhoseStartNowNamesAnotherProtocolTakesTheLatestVersion()
    {
        SessionIntake.PinnedProtocolVersion("another-protocol", 3, Standard).ShouldBeNull();
    }

    [Fact]
    public void ASessionWithoutItsStartTakesTheLatestVersion()
    {
        var withoutStart = Standard.Where(e => e.Event.Type != EventType.SessionStarted).ToList();

        SessionIntake.PinnedProtocolVersion(TestProtocols.IvId, 1, withoutStart).ShouldBeNull();
    }
}
