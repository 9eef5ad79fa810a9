using CsCheck;
using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Rules;
using InfusionAudit.Domain.Sessions;
using InfusionAudit.Domain.Tests.Builders;
using Shouldly;
using Xunit;

namespace InfusionAudit.Domain.Tests.Properties;

/// <summary>The dose projected to the evaluation time for an infusion that runs on (catalogue v2).</summary>
public sealed class DoseProjectionPropertyTests
{
    private const int Iterations = 1_000;

    /// <summary>An IV session whose pump runs at a non-zero rate at its last event, with a pump clock offset and some noise.</summary>
    private static readonly Gen<(SessionBuilder Session, int FirstMinute, int SecondMinute)> RunningSessions =
        Gen.Select(
            Gen.Int[40, 150],
            Gen.Double[0.1, 2.0],
            Gen.Double[0.1, 4.0],
            Gen.Bool,
            Gen.Int[0, 40],
            Gen.Int[-240, 3600],
            Gen.Int[0, 3],
            Gen.Select(Gen.Int[0, 400], Gen.Int[0, 400])).Select((weight, mgPerKg, ratePerKg, perVolume, last, delaySeconds, pumpTotals, asOfs) =>
        {
            var session = new SessionBuilder { ReceiveDelay = TimeSpan.FromSeconds(delaySeconds) };
            session.StartIv(weightKg: weight, mgPerKg: mgPerKg, concentrationMgPerMl: 2);
            if (perVolume)
            {
                session.RateMlPerHour(2, ratePerKg * weight / 2);
            }
            else
            {
                session.RateMgPerKgPerHour(2, ratePerKg);
            }

            for (var k = 1; k <= pumpTotals; k++)
            {
                var minute = 2 + (last * k / (pumpTotals + 1.0));
                session.PumpTotal(minute, ratePerKg * weight / 2 * (minute - 2) / 60);
            }

            session.Vitals(2 + last, hr: 80);
            var (a, b) = asOfs;
            return (session, 2 + last + Math.Min(a, b), 2 + last + Math.Max(a, b));
        });

    [Fact]
    public void TheProjectedDoseNeverDecreasesWhileTheRateIsAboveZero()
    {
        RunningSessions.Sample(sample =>
        {
            var (session, first, second) = sample;
            var protocol = TestProtocols.Library.Find(TestProtocols.IvId)!;
            using var timeline = SessionTimeline.Build(session.Events);
            timeline.Fold(FoldLimits.Of(protocol));
            var walk = new DoseWalk(timeline);
            for (var i = 0; i < timeline.Count; i++)
            {
                walk.Next(i);
            }

            DoseProjection.TryRunning(timeline, out _).ShouldBeTrue();
            var atLast = walk.Last.Mg;
            var earlier = DoseProjection.DeliveredMgAt(timeline, atLast, SessionBuilder.At(first));
            var later = DoseProjection.DeliveredMgAt(timeline, atLast, SessionBuilder.At(second));

            earlier.ShouldBeGreaterThanOrEqualTo(atLast);
            later.ShouldBeGreaterThanOrEqualTo(earlier);
            (later - atLast).ShouldBeLessThanOrEqualTo((timeline.Pieces[^1].MgPerHour * 2) + 1e-9); // never beyond the 120-min cap
        }, iter: Iterations);
    }

    [Fact]
    public void ADoseFindingSeenByTheClockStaysTheSameAtEveryLaterTime()
    {
        RunningSessions.Sample(sample =>
        {
            var (session, first, second) = sample;
            var earlier = session.Evaluate(asOf: SessionBuilder.At(first));
            var later = session.Evaluate(asOf: SessionBuilder.At(second));

            foreach (var ruleId in new[] { RuleIds.DoseOverDelivery, RuleIds.DoseHardLimit })
            {
                var seen = earlier.Of(ruleId);
                if (seen.Count == 1)
                {
                    later.Single(ruleId).ShouldBe(seen[0]);
                }
            }
        }, iter: Iterations);
    }

    /// <summary>
    /// Tablet, monitor and pump with their own clocks (sometimes a pump at 1970, a week behind, or an hour off), events sent in
    /// shared messages: the clock verdicts, and so every finding and the state, do not depend on arrival order or re-delivery.
    /// </summary>
    [Fact]
    public void ClockVerdictsAndTheDoseDoNotDependOnArrivalOrder()
    {
        var offsets = Gen.OneOfConst(0.0, 0.5, -3.0, 45.0, 8 * 24 * 60.0, 29_000_000.0);
        Gen.Select(offsets, offsets, Gen.Int[0, 3], Gen.Bool, Gen.Int, Gen.Int[0, 200]).Sample((pumpBehind, monitorBehind, batchEvery, ends, seed, extra) =>
        {
            var session = new SessionBuilder(deviceId: "tablet-1");
            session.StartIv();
            var batchOf = (double minute) => SessionBuilder.At(batchEvery == 0 ? minute : Math.Ceiling(minute / batchEvery) * batchEvery) + TimeSpan.FromSeconds(3);
            session.DeviceId = "pump-17";
            session.RateMlPerHour(2 - pumpBehind, 52.5).ReceivedAt(batchOf(2));
            session.DeviceId = "monitor-2";
            session.Vitals(3 - monitorBehind, hr: 80, sys: 128, dia: 80).ReceivedAt(batchOf(3));
            session.DeviceId = "pump-17";
            session.PumpTotal(20 - pumpBehind, 15.75).ReceivedAt(batchOf(20));
            session.DeviceId = "monitor-2";
            session.Vitals(21 - monitorBehind, hr: 82, sys: 130, dia: 82).ReceivedAt(batchOf(21));
            if (ends)
            {
                session.DeviceId = "pump-17";
                session.RateMlPerHour(42 - pumpBehind, 0).ReceivedAt(batchOf(42));
                session.DeviceId = "tablet-1";
                session.End(60);
            }

            var asOf = SessionBuilder.At(61 + extra);
            var reference = session.Evaluate(asOf: asOf);
            var random = new Random(seed);
            var shuffled = session.Events.Concat(session.Events.Where(_ => random.Next(3) == 0).Select(e => e with { ReceivedAt = e.ReceivedAt.AddMinutes(random.Next(1, 30)) })).ToArray();
            random.Shuffle(shuffled);
            var permuted = SessionEngine.Evaluate(shuffled, TestProtocols.Library, PatientHistory.Empty, asOf);

            permuted.Findings.ShouldBe(reference.Findings);
            System.Text.Json.JsonSerializer.Serialize(permuted.State).ShouldBe(System.Text.Json.JsonSerializer.Serialize(reference.State));
            reference.Has(RuleIds.DurationHard).ShouldBeFalse(reference.Describe());
            if (pumpBehind > 1e6)
            {
                reference.Has(RuleIds.DoseOverDelivery).ShouldBeFalse(reference.Describe());
                reference.Has(RuleIds.DoseHardLimit).ShouldBeFalse(reference.Describe());
            }
        }, iter: Iterations);
    }
}
