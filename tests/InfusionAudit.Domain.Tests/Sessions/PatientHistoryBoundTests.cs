using System.Text.Json;
using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Sessions;
using InfusionAudit.Domain.Tests.Builders;
using Shouldly;
using Xunit;

namespace InfusionAudit.Domain.Tests.Sessions;

/// <summary>
/// Issue 11 item 9: the patient history carried on a session's state row is bounded. A patient with hundreds of
/// sessions keeps what the history rules read (the sessions within the longest look-back, the first session of each
/// protocol) and a count of the others, so the row stays far below Table Storage's limits.
/// </summary>
public sealed class PatientHistoryBoundTests
{
    private static List<PriorSession> FiveHundredSessions()
    {
        // One IV session every 3 days before the judged one (S-0001 at T0), the latest 20 h before it, and the patient's
        // only intranasal session years ago.
        var sessions = Enumerable.Range(1, 500)
            .Select(i => new PriorSession($"S-h{i:D4}", SessionBuilder.T0.AddHours(-20 - (72 * (i - 1))), TestProtocols.IvId))
            .ToList();
        sessions.Add(new PriorSession("S-in-first", SessionBuilder.T0.AddDays(-2000), TestProtocols.InId));
        sessions.Add(new PriorSession("S-later", SessionBuilder.T0.AddDays(3), TestProtocols.IvId));
        return sessions;
    }

    [Fact]
    public void APatientWithFiveHundredSessionsKeepsWhatTheRulesReadInASmallRow()
    {
        var full = PatientHistory.Empty.Merge(FiveHundredSessions(), "S-0001");

        var bounded = full.Bounded(SessionBuilder.T0);

        JsonSerializer.Serialize(bounded).Length.ShouldBeLessThan(16_000);
        bounded.Sessions.Count.ShouldBeLessThanOrEqualTo(PatientHistory.MaxSessions + 2);
        bounded.Sessions.ShouldContain(s => s.SessionId == "S-h0001");
        bounded.Sessions.ShouldContain(s => s.SessionId == "S-in-first", "the first session of a protocol decides first-session dosing");
        bounded.Sessions.ShouldNotContain(s => s.SessionId == "S-later", "no rule reads a later session");
        bounded.Sessions.ShouldAllBe(s => s.StartedAt >= SessionBuilder.T0 - PatientHistory.LookBack || s.SessionId == "S-in-first" || s.SessionId == "S-h0500");
        bounded.EarlierSessions.ShouldBe(501);
    }

    [Fact]
    public void TheBoundedHistoryJudgesLikeTheFullOne()
    {
        var full = PatientHistory.Empty.Merge(FiveHundredSessions(), "S-0001");
        var bounded = full.Bounded(SessionBuilder.T0);

        var withFull = new SessionBuilder().StartIv().Evaluate(history: full);
        var withBounded = new SessionBuilder().StartIv().Evaluate(history: bounded);

        withBounded.Findings.Select(f => (f.RuleId, f.EpisodeKey)).ShouldBe(withFull.Findings.Select(f => (f.RuleId, f.EpisodeKey)));
        withBounded.Has(RuleIds.PatientInterval).ShouldBeTrue();
    }

    [Fact]
    public void BoundingIsStableUnderMergeSoConcurrentWritersConverge()
    {
        var sessions = FiveHundredSessions();
        var bounded = PatientHistory.Empty.Merge(sessions, "S-0001").Bounded(SessionBuilder.T0);

        var again = bounded.Merge(sessions.Take(250), "S-0001").Bounded(SessionBuilder.T0);

        again.Sessions.ShouldBe(bounded.Sessions);
        again.EarlierSessions.ShouldBe(bounded.EarlierSessions);
        bounded.Bounded(SessionBuilder.T0).Sessions.ShouldBe(bounded.Sessions);
    }

    [Fact]
    public void HundredsOfSessionsWithinTheLookBackAreCappedToTheNearest()
    {
        var sessions = Enumerable.Range(1, 500)
            .Select(i => new PriorSession($"S-d{i:D4}", SessionBuilder.T0.AddMinutes(-i), TestProtocols.IvId))
            .ToList();

        var bounded = PatientHistory.Empty.Merge(sessions, "S-0001").Bounded(SessionBuilder.T0);

        bounded.Sessions.Count.ShouldBe(PatientHistory.MaxSessions + 1);
        bounded.Sessions.ShouldContain(s => s.SessionId == "S-d0001");
        bounded.Sessions.ShouldContain(s => s.SessionId == "S-d0500", "the first session of the protocol");
        bounded.EarlierSessions.ShouldBe(500);
    }
}
