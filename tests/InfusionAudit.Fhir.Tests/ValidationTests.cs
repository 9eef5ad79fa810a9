using Hl7.Fhir.Model;
using InfusionAudit.Application.Audit;
using InfusionAudit.Testing;

namespace InfusionAudit.Fhir.Tests;

/// <summary>
/// Every resource type the export writes, validated offline against the R4 core specification and the vital-signs
/// profiles with the R4 specification package: zero errors and zero warnings (none is expected; a warning would have to
/// be named and explained here). One validator per test process (<see cref="FhirValidation.Shared"/>): it takes
/// seconds to load.
/// </summary>
public sealed class ValidationTests(ITestOutputHelper output)
{
    private static readonly DateTimeOffset Assembled = Scenarios.Start.AddHours(1);

    [Fact]
    public void EveryResourceOfASessionWithFindingsAndAlertsIsValid()
    {
        var bundle = SessionBundleMapper.Map(Scenarios.OverdoseExport(Scenarios.ThreeAlerts), Assembled);

        bundle.Entry.Select(e => e.Resource!.TypeName).Distinct().Order()
            .ShouldBe(["DetectedIssue", "Flag", "MedicationAdministration", "Observation", "Patient"]);
        ShouldBeValid(bundle);
    }

    [Fact]
    public void VitalSignObservationsConformToTheVitalSignsProfileAndTheirOwn()
    {
        var bundle = SessionBundleMapper.Map(Scenarios.OverdoseExport(), Assembled);
        var observations = bundle.Entry.Select(e => e.Resource).OfType<Observation>().ToList();

        observations.Select(o => o.Meta.Profile.Last()).Distinct().Order().ShouldBe(
        [
            "http://hl7.org/fhir/StructureDefinition/bp",
            "http://hl7.org/fhir/StructureDefinition/heartrate",
            "http://hl7.org/fhir/StructureDefinition/oxygensat",
            "http://hl7.org/fhir/StructureDefinition/resprate",
        ]);
        foreach (var observation in observations)
        {
            foreach (var profile in observation.Meta.Profile)
            {
                Issues(observation, profile).ShouldBeEmpty($"{observation.Code.Text} against {profile}");
            }
        }
    }

    [Fact]
    public void ASessionWithoutItsStartIsValidWithAnUnidentifiedPatientAndItsRulesNotEvaluated()
    {
        var script = JudgedSession.Script();
        var export = JudgedSession.Judge(script, [script.Vitals(TimeSpan.FromMinutes(-5)), script.Rate(TimeSpan.FromSeconds(30), 52.5)], Scenarios.Start.AddMinutes(5));

        var bundle = SessionBundleMapper.Map(export, Assembled);

        bundle.Entry.Select(e => e.Resource).OfType<Patient>().Single().Identifier.ShouldBeEmpty();
        ShouldBeValid(bundle);
    }

    [Fact]
    public void AnAccessLogPageOfAuditEventsIsValid()
    {
        var bundle = AuditEventBundleMapper.Map(AccessLogRows.Three(), "/api/fhir/audit-events?date=2026-03-02", "/api/fhir/audit-events?date=2026-03-02&pageSize=3&continuationToken=abc", Assembled);

        bundle.Entry.Select(e => e.Resource!.TypeName).Distinct().ShouldBe(["AuditEvent"]);
        bundle.Link.Select(l => $"{l.RelationString} {l.Url}").ShouldBe(
            ["self /api/fhir/audit-events?date=2026-03-02", "next /api/fhir/audit-events?date=2026-03-02&pageSize=3&continuationToken=abc"]);

        // Validated without its links: the SDK (Hl7.Fhir.R4 6.8.0) types Bundle.link.relation as R5's code, and the
        // validator then refuses the SDK's own object ("string is incompatible with code"), although the JSON served is
        // R4's string ("relation":"next"). The links are checked above instead.
        var withoutLinks = (Bundle)bundle.DeepCopy();
        withoutLinks.Link.Clear();
        ShouldBeValid(withoutLinks);
    }

    private void ShouldBeValid(Bundle bundle)
    {
        var issues = bundle.Entry
            .SelectMany(e => Issues(e.Resource!).Select(i => $"{e.Resource!.TypeName}/{e.Resource.Id}: {i}"))
            .Concat(Issues(bundle).Select(i => $"Bundle: {i}"))
            .ToList();
        issues.ShouldBeEmpty();
    }

    private IReadOnlyList<FhirIssue> Issues(Resource resource, string? profile = null)
    {
        var issues = FhirValidation.Shared.Validate(resource, profile);
        foreach (var issue in issues)
        {
            output.WriteLine($"{resource.TypeName}: {issue}");
        }

        return issues;
    }
}
