using InfusionAudit.Domain.Contract;
using InfusionAudit.Domain.Protocols;
using InfusionAudit.Domain.Sessions;
using InfusionAudit.Domain.Units;

namespace InfusionAudit.Benchmarks;

/// <summary>Realistic sessions in the contract's shape, generated from a fixed seed so every run measures the same work.</summary>
public static class BenchmarkSessions
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 15, 0, 0, TimeSpan.Zero);

    public static ProtocolLibrary Library { get; } = ProtocolLibrary.LoadFromDirectory(FindProtocols());

    /// <summary>A standard IV session (39 events): vitals every 2 min, pump totals every 4 min, a titration, a short pause, an end.</summary>
    public static List<StoredEvent> StandardIv(string sessionId, Random random)
    {
        var session = new Writer(sessionId, "pump-" + random.Next(100));
        var weight = Math.Round(50 + (random.NextDouble() * 50), 1);
        session.Add(0, new SessionStartedPayload(
            "hash-" + sessionId, "ketamine-iv-depression", Route.IV, BodyWeight.FromKilograms(weight),
            WeightBasedDose.FromMilligramsPerKilogram(0.5), null, TimeSpan.FromMinutes(40), Concentration.FromMilligramsPerMillilitre(1), 45));
        var mlPerHour = 0.75 * weight;
        session.Add(0.5, new VitalsRecordedPayload(72, 128, 80, 98, 14));
        session.Add(1, new InfusionRateChangedPayload(InfusionRate.FromMillilitresPerHour(mlPerHour)));
        for (var minute = 2; minute <= 40; minute += 2)
        {
            session.Add(minute, new VitalsRecordedPayload(75 + random.Next(15), 125 + random.Next(20), 78 + random.Next(10), 96 + random.Next(4), 14));
            if (minute % 4 == 0)
            {
                session.Add(minute + 0.1, new PumpTotalReportedPayload(Volume.FromMillilitres(mlPerHour * (minute + 0.1 - 1) / 60)));
            }
        }

        session.Add(20, new InfusionPausedPayload("patient request"));
        session.Add(22, new InfusionResumedPayload());
        session.Add(30, new AdverseEffectObservedPayload(AdverseEffect.Dissociation, AdverseEffectSeverity.Mild, 12, null));
        session.Add(43, new InfusionRateChangedPayload(InfusionRate.FromMillilitresPerHour(0)));
        session.Add(50, new VitalsRecordedPayload(74, 126, 80, 98, 14));
        session.Add(60, new SessionEndedPayload(SessionEndReason.Completed));
        return session.Events;
    }

    /// <summary>An intranasal esketamine session (~15 events): BP before dosing, two devices, observation, an end.</summary>
    public static List<StoredEvent> Intranasal(string sessionId, Random random)
    {
        var session = new Writer(sessionId, "tablet-" + random.Next(100));
        session.Add(0, new SessionStartedPayload(
            "hash-" + sessionId, "esketamine-in-trd", Route.IN, BodyWeight.FromKilograms(70), null, Dose.FromMilligrams(56), null, null, 40));
        session.Add(1, new VitalsRecordedPayload(70, 130, 82, 98, 14));
        session.Add(5, new DoseAdministeredPayload(Dose.FromMilligrams(28)));
        session.Add(10, new DoseAdministeredPayload(Dose.FromMilligrams(28)));
        for (var minute = 20; minute <= 130; minute += 12)
        {
            session.Add(minute, new VitalsRecordedPayload(72 + random.Next(10), 128 + random.Next(15), 80 + random.Next(8), 97, 14));
        }

        session.Add(135, new SessionEndedPayload(SessionEndReason.Completed));
        return session.Events;
    }

    /// <summary>A faulty IV session: fast rate (over-delivery, hard rate), high BP pair, a lost event, a long pause, late end.</summary>
    public static List<StoredEvent> Faulty(string sessionId, Random random)
    {
        var session = new Writer(sessionId, "pump-" + random.Next(100));
        session.Add(0, new SessionStartedPayload(
            "hash-" + sessionId, "ketamine-iv-depression", Route.IV, BodyWeight.FromKilograms(70),
            WeightBasedDose.FromMilligramsPerKilogram(0.5), null, TimeSpan.FromMinutes(40), Concentration.FromMilligramsPerMillilitre(1), 52));
        session.Add(1, new VitalsRecordedPayload(80, 150, 95, 97, 14));
        session.Add(2, new InfusionRateChangedPayload(InfusionRate.FromMillilitresPerHour(250)));
        for (var minute = 4; minute <= 40; minute += 3)
        {
            session.Add(minute, new VitalsRecordedPayload(118 + random.Next(10), 175 + random.Next(15), 100 + random.Next(15), 93, 12));
        }

        session.Lose();
        session.Add(12, new InfusionPausedPayload(null));
        session.Add(25, new InfusionResumedPayload());
        session.Add(26, new PumpTotalReportedPayload(Volume.FromMillilitres(30)));
        session.Add(30, new AdverseEffectObservedPayload(AdverseEffect.Hypertension, AdverseEffectSeverity.Severe, null, "BP 190/115"));
        session.Add(80, new SessionEndedPayload(SessionEndReason.StoppedForAdverseEffect));
        return session.Events;
    }

    /// <summary>An IV session of about <paramref name="events"/> events: vitals every 30 s, a rate change every 20 events.</summary>
    public static List<StoredEvent> OfLength(string sessionId, int events, Random random)
    {
        var session = new Writer(sessionId, "pump-1");
        session.Add(0, new SessionStartedPayload(
            "hash-" + sessionId, "ketamine-iv-depression", Route.IV, BodyWeight.FromKilograms(70),
            WeightBasedDose.FromMilligramsPerKilogram(0.5), null, TimeSpan.FromMinutes(40), Concentration.FromMilligramsPerMillilitre(1), 45));
        var minute = 0.0;
        for (var i = 1; i < events - 1; i++)
        {
            minute += 0.5;
            if (i % 20 == 1)
            {
                session.Add(minute, new InfusionRateChangedPayload(InfusionRate.FromMillilitresPerHour(45 + random.Next(15))));
            }
            else
            {
                session.Add(minute, new VitalsRecordedPayload(75 + random.Next(15), 125 + random.Next(15), 80, 97, 14));
            }
        }

        session.Add(minute + 1, new SessionEndedPayload(SessionEndReason.Completed));
        return session.Events;
    }

    private static string FindProtocols()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, "protocols");
                if (File.Exists(Path.Combine(candidate, "ketamine-iv-depression.v1.json")))
                {
                    return candidate;
                }
            }
        }

        throw new InvalidOperationException("protocols/ folder not found; run from the repository.");
    }

    private sealed class Writer(string sessionId, string deviceId)
    {
        private long sequence;

        public List<StoredEvent> Events { get; } = [];

        public void Lose() => sequence++;

        public void Add(double minute, EventPayload payload)
        {
            var type = payload switch
            {
                SessionStartedPayload => EventType.SessionStarted,
                InfusionRateChangedPayload => EventType.InfusionRateChanged,
                InfusionPausedPayload => EventType.InfusionPaused,
                InfusionResumedPayload => EventType.InfusionResumed,
                DoseAdministeredPayload => EventType.DoseAdministered,
                PumpTotalReportedPayload => EventType.PumpTotalReported,
                VitalsRecordedPayload => EventType.VitalsRecorded,
                AdverseEffectObservedPayload => EventType.AdverseEffectObserved,
                _ => EventType.SessionEnded,
            };
            var occurredAt = T0.AddMinutes(minute);
            var seq = sequence++;
            Events.Add(new StoredEvent(
                new DeviceEvent(1, $"{sessionId}-{seq:0000}", type, sessionId, "clinic-1", deviceId, seq, occurredAt, payload),
                occurredAt.AddSeconds(2)));
        }
    }
}
