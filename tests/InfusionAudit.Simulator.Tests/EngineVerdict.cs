using InfusionAudit.Domain.Contract;
using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Protocols;
using InfusionAudit.Domain.Sessions;
using InfusionAudit.Simulator.Generation;

namespace InfusionAudit.Simulator.Tests;

/// <summary>
/// Judges a generated session with the real domain engine, as the backend would after receiving it: every event the
/// gateway forwards goes through the contract parser, the accepted ones are kept once by event id (first receipt) and
/// received at their forwarding time, and the session is evaluated a minute after the last receipt, with the patient's
/// other generated sessions as its history (as the backend has it once all have arrived, in whatever order).
/// </summary>
internal static class EngineVerdict
{
    private static readonly Lazy<ProtocolLibrary> Library =
        new(() => ProtocolLibrary.LoadFromDirectory(Path.Combine(AppContext.BaseDirectory, "protocols")));

    public static IReadOnlyList<Finding> Findings(GeneratedSession session)
    {
        var stored = session.Events
            .OrderBy(e => e.SendAt)
            .Select(e => (Parsed: EventParser.Parse(e.Json).Events.Single(), e.SendAt))
            .Where(x => x.Parsed.IsAccepted)
            .Select(x => new StoredEvent(x.Parsed.Event!, x.SendAt))
            .DistinctBy(e => e.Event.EventId)
            .ToList();
        // Hours after the last receipt: the clock check has long run by then, so a session left running (PumpRunsOn) shows
        // what the timer finds (projected dose, silence, overdue); an ended session is judged the same at any later time.
        var asOf = stored.Max(e => e.ReceivedAt) + TimeSpan.FromHours(4);

        var history = new PatientHistory([.. (session.OtherSessionsOfPatient ?? []).Select(v => new PriorSession(v.SessionId, v.StartedAt, v.ProtocolId, v.WeightKg, v.PrescribedMgPerKg))]);
        return SessionEngine.Evaluate(stored, Library.Value, history, asOf).Findings;
    }

    /// <summary>Rule ids above <c>info</c> (clean scenarios may report a mild adverse effect as <c>AE-REPORTED</c> info).</summary>
    public static IReadOnlySet<string> Warnings(GeneratedSession session) =>
        Findings(session).Where(f => f.Severity > Severity.Info).Select(f => f.RuleId).ToHashSet(StringComparer.Ordinal);
}
