namespace InfusionAudit.Application.Audit;

/// <summary>How many sessions, where they stand, and how many were completed within protocol.</summary>
/// <param name="Total">Sessions in the range.</param>
/// <param name="ByStatus">Sessions per status (<c>awaitingStart</c>, <c>running</c>, <c>paused</c>, <c>ended</c>).</param>
/// <param name="EndReasons">Ended sessions per end reason.</param>
/// <param name="CompletedWithinProtocol">Sessions completed within protocol (<see cref="ComplianceDefinition"/>).</param>
/// <param name="CompletedWithinProtocolPercent">
/// 100 × <paramref name="CompletedWithinProtocol"/> ÷ ended sessions, to 0.1 %; null when none ended. Sessions still
/// running are left out of the denominator: they cannot be judged yet.
/// </param>
/// <param name="EndedNotDischarged">
/// Ended sessions with no <c>PatientDischarged</c> (contract 1.1): monitoring whose end was never recorded. Producers that
/// predate contract 1.1 send none, so there this counts every ended session.
/// </param>
public sealed record ComplianceSessionSummary(
    int Total,
    IReadOnlyDictionary<string, int> ByStatus,
    int Ended,
    IReadOnlyDictionary<string, int> EndReasons,
    int CompletedWithinProtocol,
    double? CompletedWithinProtocolPercent,
    int EndedNotDischarged = 0);
