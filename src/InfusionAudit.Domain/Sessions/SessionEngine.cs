using InfusionAudit.Domain.Contract;
using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Protocols;
using InfusionAudit.Domain.Rules;

namespace InfusionAudit.Domain.Sessions;

/// <summary>
/// Judges one session: its accepted events in, its folded state and findings out. A pure function of its arguments:
/// the same set of events (in any order, with any re-deliveries) gives the same result, and only the timer rules
/// (<c>SESSION-OVERDUE</c>, <c>DEVICE-SILENT</c>, <c>SESSION-NO-START</c>, the projected dose of <c>DOSE-OVER-DELIVERY</c> /
/// <c>DOSE-HARD-LIMIT</c>) read <c>asOf</c>, and only to decide whether an instant computed from the events has passed.
/// </summary>
public static class SessionEngine
{
    /// <summary>At most this many missing sequence numbers are listed in the state (all are counted).</summary>
    public const int MaxListedMissingSequences = 100;

    private static readonly ISessionRule[] Rules =
    [
        new ProtocolUnknownRule(),
        new WeightPlausibilityRule(),
        new PatientIntervalRule(),
        new WeightHistoryRule(),
        new CourseRule(),
        new CourseCumulativeRule(),
        new PrescribedDoseRule(),
        new DeliveredDoseRule(),
        new PumpMismatchRule(),
        new DeviceSpacingRule(),
        new FixedDoseRule(),
        new BolusRule(),
        new ScreeningRule(),
        new RateLimitRule(),
        new RateDeviationRule(),
        new DurationRule(),
        new PauseLongRule(),
        new SessionOverdueRule(),
        new DeviceSilentRule(),
        new ObservationShortRule(),
        new BloodPressurePredoseRule(),
        new BloodPressurePredoseMissingRule(),
        new BloodPressureRule(),
        new HeartRateRule(),
        new HeartRateLowRule(),
        new OxygenSaturationRule(),
        new RespiratoryRateRule(),
        new BloodPressureLowRule(),
        new RespiratoryRateHighRule(),
        new BaselineChangeRule(),
        new VitalsMissingRule(),
        new BloodPressureAfterFirstDoseRule(),
        new AspirationRiskRule(),
        new VitalsImplausibleRule(),
        new AdverseEffectRule(),
        new SequenceGapRule(),
        new EventAfterEndRule(),
        new ClockSkewRule(),
        new ClockImplausibleRule(),
        new DoseNotComputableRule(),
        new SessionNoStartRule(),
        new SessionAbandonedRule(),
    ];

    /// <summary>Folds the session and judges it against its protocol.</summary>
    /// <param name="events">Every accepted event of one session, any order; duplicates by event id keep the first receipt.</param>
    /// <param name="library">The protocol library.</param>
    /// <param name="history">The patient's other sessions.</param>
    /// <param name="asOf">Evaluation time (batch receive time or timer time); read by the timer rules and the dose projection only.</param>
    /// <param name="protocolVersion">Judge against this version of the session's protocol instead of the latest (replay).</param>
    /// <exception cref="ArgumentException"><paramref name="events"/> is empty or mixes sessions.</exception>
    public static SessionEvaluation Evaluate(
        IReadOnlyCollection<StoredEvent> events,
        ProtocolLibrary library,
        PatientHistory history,
        DateTimeOffset asOf,
        int? protocolVersion = null)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(library);
        ArgumentNullException.ThrowIfNull(history);
        if (events.Count == 0)
        {
            throw new ArgumentException("A session has at least one event.", nameof(events));
        }

        using var timeline = SessionTimeline.Build(events);
        var entries = timeline.Entries;
        var sessionId = entries[0].Event.SessionId;
        var start = timeline.Start;
        var clinicId = start is null ? entries[0].Event.ClinicId : entries[timeline.StartIndex].Event.ClinicId;
        var (protocol, thresholds, resolution) = Resolve(start, library, protocolVersion);

        // The fold needs the protocol (clock plausibility, segment cap), which the start names.
        timeline.Fold(FoldLimits.Of(thresholds));
        var gaps = SequenceGaps.Of(entries);
        var context = new RuleContext(timeline, gaps, sessionId, clinicId, protocol, thresholds, resolution, history, asOf);
        foreach (var rule in Rules)
        {
            rule.Evaluate(context);
        }

        var findings = context.Findings;
        if (findings.Count > 1)
        {
            var sorted = findings.ToArray();
            Array.Sort(sorted, CompareFindings);
            findings = sorted;
        }

        return new SessionEvaluation(BuildState(timeline, sessionId, clinicId, protocol, gaps, context.RulesNotEvaluated), findings);
    }

    private static (ProtocolDefinition? Protocol, ProtocolDefinition Thresholds, ProtocolResolution Resolution) Resolve(
        SessionStartedPayload? start,
        ProtocolLibrary library,
        int? protocolVersion)
    {
        if (start is null)
        {
            return (null, library.Fallback, ProtocolResolution.NotStarted);
        }

        var found = library.Find(start.ProtocolId, protocolVersion);
        if (found is null)
        {
            var known = library.Find(start.ProtocolId) is not null;
            return (null, library.Fallback, known ? ProtocolResolution.VersionMissing : ProtocolResolution.UnknownId);
        }

        return found.Route == start.Route
            ? (found, found, ProtocolResolution.Resolved)
            : (null, found, ProtocolResolution.RouteMismatch);
    }

    private static int CompareFindings(Finding x, Finding y)
    {
        var c = x.DetectedAt.UtcTicks.CompareTo(y.DetectedAt.UtcTicks);
        if (c != 0)
        {
            return c;
        }

        c = string.CompareOrdinal(x.RuleId, y.RuleId);
        return c != 0 ? c : string.CompareOrdinal(x.EpisodeKey, y.EpisodeKey);
    }

    private static SessionState BuildState(
        SessionTimeline timeline,
        string sessionId,
        string clinicId,
        ProtocolDefinition? protocol,
        SequenceGaps gaps,
        IReadOnlyList<RuleNotEvaluated> notEvaluated)
    {
        var entries = timeline.Entries;
        var start = timeline.Start;
        var weight = timeline.WeightKg;
        var deviceIds = new List<string>(2);
        var lastReceived = entries[0].ReceivedAt;
        foreach (ref readonly var entry in entries)
        {
            var device = entry.Event.DeviceId;
            var at = deviceIds.BinarySearch(device, StringComparer.Ordinal);
            if (at < 0)
            {
                deviceIds.Insert(~at, device);
            }

            if (entry.ReceivedTicks > lastReceived.UtcTicks)
            {
                lastReceived = entry.ReceivedAt;
            }
        }

        var pieces = timeline.Pieces;
        var segments = new RateSegment[pieces.Count];
        for (var i = 0; i < segments.Length; i++)
        {
            var piece = pieces[i];
            ref readonly var rateEvent = ref entries[piece.RateEventIndex];
            var programmed = piece.Rate.VolumeRate is { } v
                ? (v.MillilitresPerHour, RateUnit.MillilitresPerHour)
                : (piece.Rate.WeightBasedRate!.Value.MilligramsPerKilogramPerHour, RateUnit.MilligramsPerKilogramPerHour);
            segments[i] = new RateSegment(
                rateEvent.Event.OccurredAt,
                piece.EndIndex >= 0 ? entries[piece.EndIndex].Event.OccurredAt : null,
                rateEvent.Event.EventId,
                programmed.Item1,
                programmed.Item2,
                Known(piece.MgPerHour),
                weight is { } w && !double.IsNaN(piece.MgPerHour) ? piece.MgPerHour / w : null,
                Known(piece.MlPerHour));
        }

        var infusedMg = Known(timeline.InfusedMg);
        var deliveredMg = infusedMg + timeline.DiscreteMg;
        var status = timeline.EndIndex >= 0 ? SessionStatus.Ended
            : start is null ? SessionStatus.AwaitingStart
            : timeline.IsPaused ? SessionStatus.Paused
            : SessionStatus.Running;

        return new SessionState
        {
            SessionId = sessionId,
            ClinicId = clinicId,
            DeviceIds = deviceIds,
            Status = status,
            PatientRefHash = start?.PatientRef,
            ProtocolId = start?.ProtocolId,
            ProtocolVersion = protocol?.Version,
            Route = start?.Route,
            WeightKg = weight,
            PrescribedDoseMgPerKg = timeline.PrescribedMgPerKg,
            PrescribedDoseMg = timeline.PrescribedMg,
            PlannedDurationMin = start?.PlannedDuration?.TotalMinutes,
            ConcentrationMgPerMl = timeline.ConcentrationMgPerMl,
            PatientAgeYears = start?.PatientAgeYears,
            StartedAt = start is null ? null : entries[timeline.StartIndex].Event.OccurredAt,
            EndedAt = timeline.EndIndex >= 0 ? entries[timeline.EndIndex].Event.OccurredAt : null,
            EndReason = timeline.EndReason,
            DischargedAt = timeline.DischargeIndex >= 0 ? entries[timeline.DischargeIndex].Event.OccurredAt : null,
            ReadyToLeaveAt = timeline.DischargeIndex >= 0 ? ((PatientDischargedPayload)entries[timeline.DischargeIndex].Event.Payload).ReadyToLeaveAt : null,
            RateSegments = segments,
            RunningTimeMin = Text.Minutes(timeline.RunningTicks),
            PausedTimeMin = Text.Minutes(timeline.PausedTicks),
            PauseCount = timeline.Pauses.Count,
            DeliveredDoseMg = deliveredMg,
            DeliveredDoseMgPerKg = deliveredMg / weight,
            InfusedDoseMg = infusedMg,
            InfusedVolumeMl = Known(timeline.InfusedMl),
            LastPumpReportedVolumeMl = timeline.LastPumpVolumeMl,
            DiscreteDoseCount = timeline.DiscreteCount,
            DiscreteDoseMg = timeline.DiscreteMg,
            FirstOccurredAt = entries[0].Event.OccurredAt,
            LastOccurredAt = entries[^1].Event.OccurredAt,
            FirstReceivedAt = timeline.FirstReceivedAt,
            LastEventReceivedAt = lastReceived,
            LastSequence = gaps.Highest,
            EventCount = entries.Length,
            MissingSequenceNumbers = gaps.Listed,
            MissingSequenceCount = gaps.MissingCount,
            RulesNotEvaluated = notEvaluated,
            SequenceGaps = gaps.Counters,
        };
    }

    private static double? Known(double value) => double.IsNaN(value) ? null : value;
}
