using CsCheck;
using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Rules;
using InfusionAudit.Domain.Sessions;
using InfusionAudit.Domain.Tests.Builders;
using Shouldly;
using Xunit;

namespace InfusionAudit.Domain.Tests.Properties;

/// <summary>The dose projected to the evaluation time for an infusion that runs on (catalogue v2).</summary>
public sealed class DoseProjectionProperties
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
            using var timeline = SessionTimeline.Build(session.Events, _ => FoldLimits.Of(protocol));
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
}
