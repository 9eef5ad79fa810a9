using System.Text.Json;
using CsCheck;
using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Sessions;
using InfusionAudit.Domain.Tests.Builders;
using Shouldly;
using Xunit;

namespace InfusionAudit.Domain.Tests.Properties;

public sealed class SessionEnginePropertyTests
{
    private const int Iterations = 1_500;

    [Fact]
    public void AnyPermutationAndDuplicationOfTheEventsGivesIdenticalFindingsAndState()
    {
        Gen.Select(SessionScenario.Gen, Gen.Int, Gen.Int[0, 120]).Sample((scenario, seed, extraMinutes) =>
        {
            var events = scenario.Events();
            var asOf = scenario.AsOf(events, extraMinutes);
            var reference = Evaluate(events, asOf);

            var random = new Random(seed);
            var redelivered = new List<StoredEvent>(events);
            foreach (var stored in events)
            {
                // At-least-once delivery: a copy arrives again, never before the original.
                if (random.Next(4) == 0)
                {
                    redelivered.Add(stored with { ReceivedAt = stored.ReceivedAt.AddSeconds(random.Next(0, 600)) });
                }
            }

            var shuffled = redelivered.ToArray();
            random.Shuffle(shuffled);
            var permuted = Evaluate(shuffled, asOf);

            permuted.Findings.ShouldBe(reference.Findings, Describe(reference, permuted));
            Json(permuted.State).ShouldBe(Json(reference.State));
        }, iter: Iterations);
    }

    [Fact]
    public void EvaluatingTheSameEventsTwiceGivesIdenticalResults()
    {
        Gen.Select(SessionScenario.Gen, Gen.Int[0, 120]).Sample((scenario, extraMinutes) =>
        {
            var events = scenario.Events();
            var asOf = scenario.AsOf(events, extraMinutes);

            var first = Evaluate(events, asOf);
            var second = Evaluate(events, asOf);

            second.Findings.ShouldBe(first.Findings);
            Json(second.State).ShouldBe(Json(first.State));
        }, iter: Iterations);
    }

    [Fact]
    public void RatesInMillilitresPerHourAndTheEquivalentMilligramsPerKilogramPerHourGiveIdenticalFindings()
    {
        Gen.Select(SessionScenario.Gen.Where(s => !s.Intranasal && s.WithStart), Gen.Int[0, 120]).Sample((scenario, extraMinutes) =>
        {
            var perVolume = scenario.Events(ratesPerWeight: false);
            var perWeight = scenario.Events(ratesPerWeight: true);
            var asOf = scenario.AsOf(perVolume, extraMinutes);

            var byVolume = Evaluate(perVolume, asOf);
            var byWeight = Evaluate(perWeight, asOf);

            Identity(byWeight.Findings).ShouldBe(Identity(byVolume.Findings), Describe(byVolume, byWeight));
            byWeight.State.DeliveredDoseMg!.Value.ShouldBe(byVolume.State.DeliveredDoseMg!.Value, 1e-9 * Math.Max(1, byVolume.State.DeliveredDoseMg.Value));
        }, iter: Iterations);
    }

    [Fact]
    public void GeneratedSessionsExerciseTheCatalogue()
    {
        // Guards the generator: properties over sessions that never fire a rule would prove little.
        var seen = new HashSet<string>();
        Gen.Select(SessionScenario.Gen, Gen.Int[0, 120]).Sample((scenario, extraMinutes) =>
        {
            var events = scenario.Events();
            foreach (var finding in Evaluate(events, scenario.AsOf(events, extraMinutes)).Findings)
            {
                seen.Add(finding.RuleId);
            }
        }, iter: 3_000, threads: 1);

        seen.Count.ShouldBeGreaterThanOrEqualTo(25, string.Join(", ", RuleIds.All.Except(seen)));
    }

    private static SessionEvaluation Evaluate(IReadOnlyCollection<StoredEvent> events, DateTimeOffset asOf) =>
        SessionEngine.Evaluate(events, TestProtocols.Library, PatientHistory.Empty, asOf);

    private static List<(string, Severity, string, DateTimeOffset, string?)> Identity(IReadOnlyList<Finding> findings) =>
        [.. findings.Select(f => (f.RuleId, f.Severity, f.EpisodeKey, f.DetectedAt, f.TriggerEventId))];

    private static string Json(SessionState state) => JsonSerializer.Serialize(state);

    private static string Describe(SessionEvaluation expected, SessionEvaluation actual) =>
        $"expected:{Environment.NewLine}{expected.Describe()}{Environment.NewLine}actual:{Environment.NewLine}{actual.Describe()}";
}
