using System.Buffers;
using InfusionAudit.Domain.Contract;
using InfusionAudit.Domain.Units;

namespace InfusionAudit.Domain.Sessions;

/// <summary>
/// The de-duplicated, sorted events of one session and what a single pass over them derives: the running pieces, pauses,
/// cumulative dose and computed volume after each event. Arrays come from the shared pool; dispose to return them.
/// </summary>
internal sealed class SessionTimeline : IDisposable
{
    private TimelineEntry[] entries;
    private List<RunPiece>? untimedRates;
    private double[] deliveredMgAfter;
    private double[] infusedMlAt;
    private bool[] infusingAfter;
    private ClockVerdict[] clockVerdicts;

    private SessionTimeline(TimelineEntry[] entries, int count)
    {
        this.entries = entries;
        Count = count;
        deliveredMgAfter = ArrayPool<double>.Shared.Rent(count);
        infusedMlAt = ArrayPool<double>.Shared.Rent(count);
        infusingAfter = ArrayPool<bool>.Shared.Rent(count);
        clockVerdicts = ArrayPool<ClockVerdict>.Shared.Rent(count);
    }

    public int Count { get; }

    public ReadOnlySpan<TimelineEntry> Entries => entries.AsSpan(0, Count);

    /// <summary>Delivered dose (infused up to the event's time + discrete doses up to and including it), mg; NaN when unknown.</summary>
    public ReadOnlySpan<double> DeliveredMgAfter => deliveredMgAfter.AsSpan(0, Count);

    /// <summary>Volume computed from the rate history up to the event's time, mL; NaN when unknown.</summary>
    public ReadOnlySpan<double> InfusedMlAt => infusedMlAt.AsSpan(0, Count);

    /// <summary>True when the pump runs at a non-zero rate right after the event.</summary>
    public ReadOnlySpan<bool> InfusingAfter => infusingAfter.AsSpan(0, Count);

    /// <summary>Whether each event's device time is believed; an implausible one takes no part in the rate integration.</summary>
    public ReadOnlySpan<ClockVerdict> ClockVerdicts => clockVerdicts.AsSpan(0, Count);

    /// <summary>
    /// True when a rate change, pause, resume or end has an implausible time: the rate history cannot be placed in time, so the
    /// computed dose and volume are unknown (NaN) and the running time is not judged.
    /// </summary>
    public bool RateHistoryUntrusted => FirstUntrustedRateIndex >= 0;

    /// <summary>The first rate change, pause, resume or end with an implausible time, or -1.</summary>
    public int FirstUntrustedRateIndex { get; private set; } = -1;

    /// <summary>Non-zero rate changes with an implausible time: their programmed rate is still judged, their time is not used.</summary>
    public IReadOnlyList<RunPiece> UntimedRates => untimedRates ?? (IReadOnlyList<RunPiece>)[];

    /// <summary>The longest stretch one rate segment is integrated for (the protocol's hard maximum duration), ticks.</summary>
    public long MaxSegmentTicks { get; private set; } = long.MaxValue;

    /// <summary>How long the open piece (if any) has been integrated so far, ticks; at most <see cref="MaxSegmentTicks"/>.</summary>
    public long OpenPieceIntegratedTicks { get; private set; }

    /// <summary>True when some segment ran longer than <see cref="MaxSegmentTicks"/> and only that much of it was integrated.</summary>
    public bool IntegrationCapped { get; private set; }

    public List<RunPiece> Pieces { get; } = new(4);

    public List<PauseInterval> Pauses { get; } = new(2);

    public int StartIndex { get; private set; } = -1;

    public int EndIndex { get; private set; } = -1;

    public SessionStartedPayload? Start { get; private set; }

    /// <summary>The first <c>PatientDischarged</c> on the timeline (contract 1.1): the end of monitoring; -1 when none.</summary>
    public int DischargeIndex { get; private set; } = -1;

    /// <summary>The first <c>ScreeningRecorded</c> on the timeline (contract 1.1); -1 when none.</summary>
    public int ScreeningIndex { get; private set; } = -1;

    public SessionEndReason? EndReason { get; private set; }

    public double? WeightKg => Start?.Weight.Kilograms;

    public double? ConcentrationMgPerMl => Start?.Concentration?.MilligramsPerMillilitre;

    /// <summary>Prescribed dose in mg, from mg or from mg/kg × weight.</summary>
    public double? PrescribedMg =>
        Start is null ? null : Start.PrescribedDose?.Milligrams ?? Start.PrescribedDosePerWeight?.MilligramsPerKilogram * Start.Weight.Kilograms;

    /// <summary>Prescribed dose in mg/kg, from mg/kg or from mg ÷ weight.</summary>
    public double? PrescribedMgPerKg =>
        Start is null ? null : Start.PrescribedDosePerWeight?.MilligramsPerKilogram ?? Start.PrescribedDose?.Milligrams / Start.Weight.Kilograms;

    public int FirstDoseOrRateIndex { get; private set; } = -1;

    public long RunningTicks { get; private set; }

    public long PausedTicks { get; private set; }

    public double InfusedMg { get; private set; }

    public double InfusedMl { get; private set; }

    public double DiscreteMg { get; private set; }

    public int DiscreteCount { get; private set; }

    public double? LastPumpVolumeMl { get; private set; }

    public int LastDoseIndex { get; private set; } = -1;

    public long FirstReceivedTicks => FirstReceivedAt.UtcTicks;

    /// <summary>The earliest receive time; the first on the timeline among equal ones.</summary>
    public DateTimeOffset FirstReceivedAt { get; private set; }

    /// <summary>True when the last pause is still open (not resumed, no rate change, no end).</summary>
    public bool IsPaused => Pauses.Count > 0 && Pauses[^1].EndIndex < 0;

    /// <summary>De-duplicates and sorts the events and finds the start; <see cref="Fold"/> then derives the rest.</summary>
    /// <param name="events">The session's stored events, any order, duplicates allowed.</param>
    public static SessionTimeline Build(IReadOnlyCollection<StoredEvent> events)
    {
        var raw = ArrayPool<TimelineEntry>.Shared.Rent(events.Count);
        var n = 0;
        string? sessionId = null;
        foreach (var stored in events)
        {
            // Checked before de-duplication: an id shared across sessions must not hide the mix-up.
            sessionId ??= stored.Event.SessionId;
            if (!string.Equals(stored.Event.SessionId, sessionId, StringComparison.Ordinal))
            {
                ArrayPool<TimelineEntry>.Shared.Return(raw, clearArray: true);
                throw new ArgumentException(
                    $"Events of sessions '{sessionId}' and '{stored.Event.SessionId}' were mixed; evaluate one session at a time.",
                    nameof(events));
            }

            raw[n++] = new TimelineEntry
            {
                Event = stored.Event,
                ReceivedAt = stored.ReceivedAt,
                OccurredTicks = stored.Event.OccurredAt.UtcTicks,
                ReceivedTicks = stored.ReceivedAt.UtcTicks,
            };
        }

        // Re-delivery keeps the first receipt: sort by id then receipt and keep each id's first row.
        Array.Sort(raw, 0, n, default(ByEventIdThenReceipt));
        var kept = 0;
        for (var i = 0; i < n; i++)
        {
            if (kept == 0 || !string.Equals(raw[kept - 1].Event.EventId, raw[i].Event.EventId, StringComparison.Ordinal))
            {
                raw[kept++] = raw[i];
            }
        }

        raw.AsSpan(kept, n - kept).Clear();
        Array.Sort(raw, 0, kept, default(ByTimeline));
        var timeline = new SessionTimeline(raw, kept);
        timeline.FindStart();
        return timeline;
    }

    public void Dispose()
    {
        if (entries.Length == 0)
        {
            return;
        }

        entries.AsSpan(0, Count).Clear();
        ArrayPool<TimelineEntry>.Shared.Return(entries);
        ArrayPool<double>.Shared.Return(deliveredMgAfter);
        ArrayPool<double>.Shared.Return(infusedMlAt);
        ArrayPool<bool>.Shared.Return(infusingAfter);
        ArrayPool<ClockVerdict>.Shared.Return(clockVerdicts);
        entries = [];
        deliveredMgAfter = [];
        infusedMlAt = [];
        infusingAfter = [];
        clockVerdicts = [];
    }

    /// <summary>mg/h of <paramref name="rate"/>, or NaN when the weight (mg/kg/h) or concentration (mL/h) is unknown.</summary>
    /// <remarks>
    /// Plain doubles, not unit types: the product of two accepted values (1e6 mL/h × 1e6 mg/mL) lies beyond their validated
    /// ranges, and such a session must still be folded and judged rather than throw.
    /// </remarks>
    private double MgPerHour(InfusionRate rate)
    {
        if (rate.VolumeRate is { } volume)
        {
            return ConcentrationMgPerMl is { } c ? volume.MillilitresPerHour * c : double.NaN;
        }

        return WeightKg is { } w ? rate.WeightBasedRate!.Value.MilligramsPerKilogramPerHour * w : double.NaN;
    }

    private double MlPerHour(InfusionRate rate, double mgPerHour)
    {
        if (rate.VolumeRate is { } volume)
        {
            return volume.MillilitresPerHour;
        }

        return ConcentrationMgPerMl is { } c ? mgPerHour / c : double.NaN;
    }

    private void FindStart()
    {
        var span = entries.AsSpan(0, Count);
        for (var i = 0; i < span.Length; i++)
        {
            switch (span[i].Event.Payload)
            {
                case SessionStartedPayload start when StartIndex < 0:
                    StartIndex = i;
                    Start = start;
                    break;
                case PatientDischargedPayload when DischargeIndex < 0:
                    DischargeIndex = i;
                    break;
                case ScreeningRecordedPayload when ScreeningIndex < 0:
                    ScreeningIndex = i;
                    break;
            }
        }
    }

    /// <summary>
    /// The single pass over the timeline, under the limits of the session's protocol (known once <see cref="Start"/> is):
    /// which device times are believed, and the longest stretch one rate segment is integrated for.
    /// </summary>
    public void Fold(FoldLimits limits)
    {
        MaxSegmentTicks = limits.MaxSegmentTicks;
        ClockPlausibilityCheck.Classify(Entries, limits.Clock, clockVerdicts.AsSpan(0, Count));
        var span = entries.AsSpan(0, Count);
        var verdicts = clockVerdicts.AsSpan(0, Count);
        FirstReceivedAt = span[0].ReceivedAt;
        var ended = false;
        var paused = false;
        var infusing = false;
        InfusionRate? lastNonZero = null;
        var piece = default(RunPiece);
        var pause = default(PauseInterval);
        var lastAt = span[0].OccurredTicks;
        var mg = 0.0;
        var ml = 0.0;
        var discreteMg = 0.0;
        long runningTicks = 0;
        long pausedTicks = 0;
        long pieceIntegrated = 0;
        var lastAtSet = false;

        for (var i = 0; i < span.Length; i++)
        {
            ref readonly var entry = ref span[i];
            if (entry.ReceivedTicks < FirstReceivedTicks)
            {
                FirstReceivedAt = entry.ReceivedAt;
            }

            if (verdicts[i] != ClockVerdict.Plausible)
            {
                if (entry.Event.Payload is not SessionEndedPayload)
                {
                    // Its time is not believed: it neither opens, closes nor stretches a segment. What it says still counts.
                    FoldUntimed(in entry, i, ref discreteMg);
                    deliveredMgAfter[i] = mg + discreteMg;
                    infusedMlAt[i] = ml;
                    infusingAfter[i] = infusing;
                    continue;
                }

                // An end still ends the session (status and reason must not wait for a clock fix), at its place on the
                // timeline; but segments measured against that place are not believed.
                FirstUntrustedRateIndex = FirstUntrustedRateIndex < 0 ? i : FirstUntrustedRateIndex;
            }

            var t = entry.OccurredTicks;
            if (!lastAtSet)
            {
                // The first believed time starts the clock; events before it with implausible times left it unset.
                lastAt = t;
                lastAtSet = true;
            }

            var dt = t - lastAt;
            if (infusing)
            {
                // Integrate the open piece up to this event: the pump ran at piece's rate since lastAt, but no segment is
                // integrated beyond the protocol's hard maximum duration (a stretch that long is a clock or record fault).
                runningTicks += dt;
                var step = Math.Min(dt, MaxSegmentTicks - pieceIntegrated);
                IntegrationCapped |= step < dt;
                pieceIntegrated += step;
                var hours = (double)step / TimeSpan.TicksPerHour;
                mg += piece.MgPerHour * hours;
                ml += piece.MlPerHour * hours;
            }
            else if (paused)
            {
                pausedTicks += dt;
            }

            lastAt = t;
            switch (entry.Event.Payload)
            {
                case SessionEndedPayload end when !ended:
                    ClosePiece(ref piece, ref infusing, i, t);
                    ClosePause(ref pause, ref paused, i, t);
                    ended = true;
                    EndIndex = i;
                    EndReason = end.Reason;
                    break;

                case InfusionRateChangedPayload change when !ended:
                    ClosePiece(ref piece, ref infusing, i, t);
                    ClosePause(ref pause, ref paused, i, t);
                    if (!change.Rate.IsStopped)
                    {
                        lastNonZero = change.Rate;
                        OpenPiece(ref piece, ref infusing, i, t, change.Rate);
                        FirstDoseOrRateIndex = FirstDoseOrRateIndex < 0 ? i : FirstDoseOrRateIndex;
                    }

                    break;

                case InfusionPausedPayload when !ended && !paused:
                    ClosePiece(ref piece, ref infusing, i, t);
                    paused = true;
                    pause = new PauseInterval { StartIndex = i, From = t, EndIndex = -1, To = t };
                    break;

                case InfusionResumedPayload when !ended:
                    ClosePause(ref pause, ref paused, i, t);
                    if (!infusing && lastNonZero is { } resume)
                    {
                        OpenPiece(ref piece, ref infusing, i, t, resume);
                    }

                    break;

                case DoseAdministeredPayload dose:
                    // Counted even after the end: a dose given is a dose given, and over-delivery must not hide behind a mis-dated end.
                    discreteMg += dose.Dose.Milligrams;
                    DiscreteCount++;
                    LastDoseIndex = i;
                    FirstDoseOrRateIndex = FirstDoseOrRateIndex < 0 ? i : FirstDoseOrRateIndex;
                    break;

                case PumpTotalReportedPayload pump:
                    LastPumpVolumeMl = pump.VolumeInfused.Millilitres;
                    break;
            }

            if (infusing && piece.RateEventIndex == i)
            {
                pieceIntegrated = 0;
            }

            deliveredMgAfter[i] = mg + discreteMg;
            infusedMlAt[i] = ml;
            infusingAfter[i] = infusing;
        }

        OpenPieceIntegratedTicks = infusing ? pieceIntegrated : 0;
        if (RateHistoryUntrusted)
        {
            // Where the untimed events fall is unknown, so no instant's infused amount is known; discrete doses still are.
            mg = double.NaN;
            ml = double.NaN;
            deliveredMgAfter.AsSpan(0, Count).Fill(double.NaN);
            infusedMlAt.AsSpan(0, Count).Fill(double.NaN);
        }

        if (infusing)
        {
            piece.To = lastAt;
            piece.EndIndex = -1;
            Pieces.Add(piece);
        }

        if (paused)
        {
            pause.To = lastAt;
            pause.EndIndex = -1;
            Pauses.Add(pause);
        }

        RunningTicks = runningTicks;
        PausedTicks = pausedTicks;
        InfusedMg = mg;
        InfusedMl = ml;
        DiscreteMg = discreteMg;
    }

    /// <summary>
    /// The part of an event with an implausible time that does not depend on its time: a programmed rate (still judged by the rate
    /// rules), a discrete dose's amount, the pump's counter. It is not "the first dose or rate" nor "the last dose" of timed rules.
    /// </summary>
    private void FoldUntimed(in TimelineEntry entry, int index, ref double discreteMg)
    {
        switch (entry.Event.Payload)
        {
            case InfusionRateChangedPayload change:
                FirstUntrustedRateIndex = FirstUntrustedRateIndex < 0 ? index : FirstUntrustedRateIndex;
                if (!change.Rate.IsStopped)
                {
                    var mgPerHour = MgPerHour(change.Rate);
                    (untimedRates ??= []).Add(new RunPiece
                    {
                        From = entry.OccurredTicks,
                        To = entry.OccurredTicks,
                        RateEventIndex = index,
                        EndIndex = index,
                        Rate = change.Rate,
                        MgPerHour = mgPerHour,
                        MlPerHour = MlPerHour(change.Rate, mgPerHour),
                    });
                }

                break;

            case InfusionPausedPayload or InfusionResumedPayload:
                FirstUntrustedRateIndex = FirstUntrustedRateIndex < 0 ? index : FirstUntrustedRateIndex;
                break;

            case DoseAdministeredPayload dose:
                discreteMg += dose.Dose.Milligrams;
                DiscreteCount++;
                break;

            case PumpTotalReportedPayload pump:
                LastPumpVolumeMl = pump.VolumeInfused.Millilitres;
                break;
        }
    }

    private void OpenPiece(ref RunPiece piece, ref bool infusing, int index, long t, InfusionRate rate)
    {
        var mgPerHour = MgPerHour(rate);
        piece = new RunPiece
        {
            From = t,
            To = t,
            RateEventIndex = index,
            EndIndex = -1,
            Rate = rate,
            MgPerHour = mgPerHour,
            MlPerHour = MlPerHour(rate, mgPerHour),
        };
        infusing = true;
    }

    private void ClosePiece(ref RunPiece piece, ref bool infusing, int index, long t)
    {
        if (!infusing)
        {
            return;
        }

        piece.To = t;
        piece.EndIndex = index;
        Pieces.Add(piece);
        infusing = false;
    }

    private void ClosePause(ref PauseInterval pause, ref bool paused, int index, long t)
    {
        if (!paused)
        {
            return;
        }

        pause.To = t;
        pause.EndIndex = index;
        Pauses.Add(pause);
        paused = false;
    }
}
