using InfusionAudit.Simulator.Contract;

namespace InfusionAudit.Simulator.Generation;

/// <summary>
/// Plays a clinic day: treatment chairs take patients one after another, each session follows its scenario's script,
/// and the gateway numbers, identifies and forwards the events. Deterministic: the same options give the same bytes.
/// </summary>
public sealed class ClinicDayGenerator
{
    private readonly ClinicDayOptions _options;

    /// <summary>Creates a generator; the options are validated here so that a bad value fails before anything is sent.</summary>
    public ClinicDayGenerator(ClinicDayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
    }

    /// <summary>The sessions in the order patients arrive; lazy, and endless when <see cref="ClinicDayOptions.Sessions"/> is null.</summary>
    public IEnumerable<GeneratedSession> Generate()
    {
        var o = _options;
        var dayStart = new DateTimeOffset(o.Start.UtcTicks - (o.Start.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        var day = dayStart.UtcDateTime.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        var counters = new DeviceCounters(o.IdStem, o.Seed, dayStart);
        var patients = new HashSet<string>(StringComparer.Ordinal);

        // Chairs open a few minutes apart, as staff arrive, so the first sessions do not all start on the same second.
        var chairFreeAt = Enumerable.Range(0, o.Chairs).Select(c => dayStart + (o.ChairsOpenEvery * c)).ToArray();

        for (var index = 1; o.Sessions is null || index <= o.Sessions; index++)
        {
            var sessionSeed = SessionSeed(o.Seed, index);
            var random = new Random(sessionSeed);
            var chair = Array.IndexOf(chairFreeAt, chairFreeAt.Min());
            var t0 = chairFreeAt[chair] + (index <= o.Chairs ? random.Seconds(0, (int)o.FirstSessionWithin.TotalSeconds) : random.Minutes(5, 20));

            // Drawn in every case, so that covering the named scenarios changes no other draw of the session.
            var drawn = o.Mix.Pick(random);
            var scenario = o.Mix.EachAtLeastOnce && index <= o.Mix.Weights.Count ? o.Mix.Weights[index - 1].Key : drawn;
            var patient = PatientProfile.Draw(random, NewPatientRef(random, o.IdStem, patients));
            var sessionId = $"{o.IdStem}{o.ClinicId}-{day}-{o.Seed}-S{index:D4}";
            // The stream has its own random sequence (a fixed bit pattern away from the session's), so switching it
            // on adds readings without changing any draw of the script.
            var stream = o.MonitorEvery is { } every ? new MonitorStream(every, new Random(sessionSeed ^ 0x5A5A5A5A), o.StreamUntil) : null;
            var recorder = new SessionRecorder(sessionId, o.ClinicId, DeviceSet.ForChair(o.ClinicId, chair + 1), patient, random, stream);

            var (protocolId, endedAt) = Play(recorder, t0, scenario);
            var events = recorder.Seal(counters);
            var wire = scenario switch
            {
                Scenario.Duplicates => TransportFaults.Duplicate(events, random),
                Scenario.Reordering => TransportFaults.Reorder(events, random),
                Scenario.BadFields => TransportFaults.AddBadFields(events, counters),
                Scenario.PumpRunsOn => TransportFaults.LinkLostWhileRunning(events, random),
                Scenario.PumpClock1970 => TransportFaults.PumpClockReset(events),
                _ => TransportFaults.Clean(events),
            };

            chairFreeAt[chair] = endedAt;
            var earlier = scenario == Scenario.LaterSessionFirst
                ? EarlierSession(index, sessionId, o.ClinicId, chair, patient, t0, endedAt, counters, new Random(sessionSeed ^ 0x3C3C3C3C))
                : null;
            yield return new GeneratedSession(
                index, sessionId, scenario, protocolId, chair + 1, t0, endedAt,
                [.. wire.Select((e, i) => (e, i)).OrderBy(x => x.e.SendAt).ThenBy(x => x.i).Select(x => x.e)],
                earlier is null ? null : [new PatientVisit(earlier.SessionId, earlier.StartedAt, earlier.ProtocolId, patient.WeightKg, LaterSessionFirstMgPerKg)]);
            if (earlier is not null)
            {
                yield return earlier with { OtherSessionsOfPatient = [new PatientVisit(sessionId, t0, protocolId, patient.WeightKg, LaterSessionFirstMgPerKg)] };
            }
        }
    }

    // The same patient's clean IV session 16–22 h before the later one (id ending "-E"), recorded on the same chair's
    // devices, forwarded by a gateway that was offline: every event 1–5 min after the later session ended, spaced as
    // recorded. Its own random sequence, so the later session is the same as without it.
    private static GeneratedSession EarlierSession(
        int index, string laterId, string clinicId, int chair, PatientProfile patient, DateTimeOffset laterStart, DateTimeOffset laterEnd, DeviceCounters counters, Random random)
    {
        var sessionId = laterId + "-E";
        var start = laterStart - random.Minutes(16 * 60, 22 * 60);
        var recorder = new SessionRecorder(sessionId, clinicId, DeviceSet.ForChair(clinicId, chair + 1), patient, random, null);
        var endedAt = IvInfusionScript.Play(recorder, start, Scenario.StandardIv, LaterSessionFirstMgPerKg);
        var delay = laterEnd - start + random.Seconds(60, 300);
        var wire = TransportFaults.Clean(recorder.Seal(counters)).Select(e => e with { SendAt = e.SendAt + delay });
        return new GeneratedSession(index, sessionId, Scenario.LaterSessionFirst, IvInfusionScript.ProtocolId, chair + 1, start, endedAt, [.. wire.OrderBy(e => e.SendAt)]);
    }

    // Both sessions of a LaterSessionFirst patient get the standard prescription: a step up within a day would be
    // DOSE-ESCALATION (catalogue v2), which is not this scenario's story.
    private const double LaterSessionFirstMgPerKg = 0.5;

    private static (string ProtocolId, DateTimeOffset EndedAt) Play(SessionRecorder recorder, DateTimeOffset t0, Scenario scenario)
    {
        switch (scenario)
        {
            case Scenario.Intranasal or Scenario.ShortObservation:
                return (IntranasalScript.ProtocolId, IntranasalScript.Play(recorder, t0, scenario));
            case Scenario.Subcutaneous:
                return (SubcutaneousScript.ProtocolId, SubcutaneousScript.Play(recorder, t0));
            case Scenario.Duplicates or Scenario.Reordering when recorder.Random.Chance(0.4):
                return (IntranasalScript.ProtocolId, IntranasalScript.Play(recorder, t0, Scenario.Intranasal));
            case Scenario.Duplicates or Scenario.Reordering or Scenario.BadFields:
                return (IvInfusionScript.ProtocolId, IvInfusionScript.Play(recorder, t0, Scenario.StandardIv));
            case Scenario.LaterSessionFirst:
                return (IvInfusionScript.ProtocolId, IvInfusionScript.Play(recorder, t0, Scenario.StandardIv, LaterSessionFirstMgPerKg));
            default:
                return (IvInfusionScript.ProtocolId, IvInfusionScript.Play(recorder, t0, scenario));
        }
    }

    private static string NewPatientRef(Random random, string idPrefix, HashSet<string> taken)
    {
        // Unique within the day: one patient, one session, so the 24-hour interval rule stays quiet on clean days.
        while (true)
        {
            var candidate = $"{idPrefix}MRN-{random.Between(100000, 999999)}";
            if (taken.Add(candidate))
            {
                return candidate;
            }
        }
    }

    // SplitMix64 of (seed, index): every session has its own stream, so session n does not change when the mix or
    // the script of session n-1 draws one number more.
    private static int SessionSeed(int seed, int index)
    {
        unchecked
        {
            var z = ((ulong)(uint)seed << 32) | (uint)index;
            z += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            return (int)(z & 0x7FFFFFFF);
        }
    }
}
