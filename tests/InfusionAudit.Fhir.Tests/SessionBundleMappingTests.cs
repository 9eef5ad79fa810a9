using System.Text.Json;
using Hl7.Fhir.Model;
using InfusionAudit.Domain.Sessions;

namespace InfusionAudit.Fhir.Tests;

/// <summary>
/// What each resource of a session's Bundle says, for the overdose scenario (<see cref="Scenarios.Overdose"/>) judged by
/// the real engine: values exactly as stored, nothing the session has no data for, references that resolve inside the
/// Bundle, ids that do not change between exports.
/// </summary>
public sealed class SessionBundleMappingTests
{
    private static readonly DateTimeOffset Assembled = Scenarios.Start.AddHours(1);
    private static readonly DateTimeOffset T0 = Scenarios.Start;

    private static Bundle Overdose() => SessionBundleMapper.Map(Scenarios.OverdoseExport(Scenarios.ThreeAlerts), Assembled);

    private static List<T> All<T>(Bundle bundle) where T : Resource => [.. bundle.Entry.Select(e => e.Resource).OfType<T>()];

    [Fact]
    public void ThePatientIsNamedOnlyByItsHash()
    {
        var bundle = Overdose();

        var patient = All<Patient>(bundle).ShouldHaveSingleItem();
        patient.Identifier.Select(i => (i.System, i.Value)).ShouldBe([(FhirSystems.PatientRefHash, JudgedSession.PatientHash)]);
        patient.Name.ShouldBeEmpty();
        patient.BirthDate.ShouldBeNull();
        var reference = bundle.Entry.Single(e => e.Resource is Patient).FullUrl;
        All<Observation>(bundle).ShouldAllBe(o => o.Subject.Reference == reference);
        All<MedicationAdministration>(bundle).ShouldAllBe(m => m.Subject.Reference == reference);
        All<DetectedIssue>(bundle).ShouldAllBe(d => d.Patient.Reference == reference);
    }

    [Fact]
    public void TheInfusionItsRunningStretchAndTheBolusAreAdministrationsWithTheStoredValues()
    {
        var export = Scenarios.OverdoseExport();
        var state = export.Document.State.Deserialize<SessionState>(Application.JsonDefaults.Options)!;
        var bundle = SessionBundleMapper.Map(export, Assembled);
        var administrations = All<MedicationAdministration>(bundle);

        var infusion = administrations.Single(m => m.PartOf.Count == 0 && m.Effective is Period);
        infusion.Status.ShouldBe(MedicationAdministration.MedicationAdministrationStatusCodes.Completed);
        var period = (Period)infusion.Effective;
        (period.StartElement.ToDateTimeOffset(TimeSpan.Zero), period.EndElement.ToDateTimeOffset(TimeSpan.Zero)).ShouldBe((T0.AddSeconds(30), T0.AddMinutes(45)));
        infusion.Dosage.Route.Coding.Single().Code.ShouldBe("47625008");
        infusion.Dosage.Dose.Value.ShouldBe((decimal)state.InfusedDoseMg!.Value);
        (infusion.Dosage.Dose.Code, infusion.Dosage.Dose.System).ShouldBe(("mg", "http://unitsofmeasure.org"));

        var stretch = administrations.Single(m => m.PartOf.Count == 1);
        stretch.PartOf.Single().Reference.ShouldBe(bundle.Entry.Single(e => e.Resource == infusion).FullUrl);
        var rate = stretch.Dosage.Rate.ShouldBeOfType<Quantity>();
        (rate.Value, rate.Code, rate.System).ShouldBe((120m, "mL/h", "http://unitsofmeasure.org"));
        var stretchPeriod = (Period)stretch.Effective;
        (stretchPeriod.StartElement.ToDateTimeOffset(TimeSpan.Zero), stretchPeriod.EndElement.ToDateTimeOffset(TimeSpan.Zero)).ShouldBe((T0.AddSeconds(30), T0.AddMinutes(40.5)));

        var bolus = administrations.Single(m => m.Effective is FhirDateTime);
        ((FhirDateTime)bolus.Effective).ToDateTimeOffset(TimeSpan.Zero).ShouldBe(T0.AddMinutes(20));
        (bolus.Dosage.Dose.Value, bolus.Dosage.Dose.Code).ShouldBe((5m, "mg"));
        bolus.Contained.OfType<Medication>().Single().Batch.LotNumber.ShouldBe("LOT-9");
        bolus.Medication.ShouldBeOfType<ResourceReference>().Reference.ShouldBe("#medicine");
        administrations.Count.ShouldBe(3);
    }

    [Fact]
    public void EachReadingBecomesItsVitalSignsWithLoincAndMdcAndNothingTheDeviceDidNotSend()
    {
        var bundle = Overdose();
        var observations = All<Observation>(bundle);

        // 2 full readings (BP, HR, SpO2 each) and one with systolic and respiratory rate only.
        observations.Count.ShouldBe(2 * 3 + 2);
        var heart = observations.Where(o => o.Code.Coding[0].Code == "8867-4").ToList();
        heart.Count.ShouldBe(2);
        heart[0].Code.Coding.Select(c => $"{c.System}|{c.Code}").ShouldBe(["http://loinc.org|8867-4", "urn:iso:std:iso:11073:10101|147842"]);
        var value = heart[0].Value.ShouldBeOfType<Quantity>();
        (value.Value, value.Code).ShouldBe((72m, "/min"));

        var spo2 = observations.Single(o => o.Code.Coding[0].Code == "2708-6" && ((FhirDateTime)o.Effective).ToDateTimeOffset(TimeSpan.Zero) == T0.AddMinutes(10));
        spo2.Code.Coding[1].Code.ShouldBe("150456");
        var saturation = spo2.Value.ShouldBeOfType<Quantity>();
        (saturation.Value, saturation.Code).ShouldBe((86m, "%"));
        spo2.Issued.ShouldBe(T0.AddMinutes(50));

        var oneSided = observations.Single(o => o.Code.Coding[0].Code == "85354-9" && ((FhirDateTime)o.Effective).ToDateTimeOffset(TimeSpan.Zero) == T0.AddMinutes(15));
        oneSided.Component.Select(c => c.Code.Coding[0].Code).ShouldBe(["8480-6", "8462-4"]);
        var systolic = oneSided.Component[0].Value.ShouldBeOfType<Quantity>();
        (systolic.Value, systolic.Code).ShouldBe((150m, "mm[Hg]"));
        oneSided.Component[1].Value.ShouldBeNull();
        oneSided.Component[1].DataAbsentReason.Coding.Single().Code.ShouldBe("unknown");

        var respiratory = observations.Single(o => o.Code.Coding[0].Code == "9279-1");
        (respiratory.Code.Coding[1].Code, ((Quantity)respiratory.Value).Value, ((Quantity)respiratory.Value).Code).ShouldBe(("151562", 14m, "/min"));
        observations.ShouldAllBe(o => o.Category.Single().Coding.Single().Code == "vital-signs" && o.Status == ObservationStatus.Final);
    }

    [Fact]
    public void EachFindingIsADetectedIssueWithItsSeverityEvidenceAndImplicatedResources()
    {
        var export = Scenarios.OverdoseExport();
        var bundle = SessionBundleMapper.Map(export, Assembled);
        var issues = All<DetectedIssue>(bundle);
        var findings = export.Document.Findings;

        issues.Count.ShouldBe(findings.Count);
        foreach (var f in findings)
        {
            var issue = issues.Single(i => i.Identifier.Single().Value.EndsWith($"/{f.RuleId}/{f.EpisodeKey}", StringComparison.Ordinal));
            issue.Code.Coding.Single().Code.ShouldBe(f.RuleId);
            issue.Detail.ShouldBe(f.Evidence);
            issue.Severity.ShouldBe(f.Severity switch
            {
                "critical" => DetectedIssue.DetectedIssueSeverity.High,
                "warning" => DetectedIssue.DetectedIssueSeverity.Moderate,
                _ => DetectedIssue.DetectedIssueSeverity.Low,
            });
            ((FhirDateTime)issue.Identified).ToDateTimeOffset(TimeSpan.Zero).ShouldBe(f.DetectedAt);
            issue.Reference.ShouldBe($"urn:infusionaudit:protocol:ketamine-iv-depression:v{f.ProtocolVersion}");
            issue.Implicated.ShouldNotBeEmpty();
        }

        // A finding triggered by the rate change points at the stretch that change began.
        var rateEvent = export.Document.Events.Single(e => e.Type == "InfusionRateChanged" && e.Event.GetProperty("payload").GetProperty("rateMlPerHour").GetDouble() == 120).EventId;
        var triggered = findings.Where(f => f.TriggerEventId == rateEvent).Select(f => f.RuleId).ToList();
        triggered.ShouldNotBeEmpty($"findings: {string.Join(", ", findings.Select(f => $"{f.RuleId}<-{f.TriggerEventId}"))}");
        var stretch = bundle.Entry.Single(e => e.Resource is MedicationAdministration m && m.PartOf.Count == 1).FullUrl;
        foreach (var rateIssue in issues.Where(i => triggered.Contains(i.Code.Coding[0].Code)))
        {
            rateIssue.Evidence.Single().Detail.Select(d => d.Reference).ShouldBe([stretch]);
            rateIssue.Implicated.Select(d => d.Reference).ShouldContain(stretch);
        }

        issues.Select(i => i.Severity).ShouldContain(DetectedIssue.DetectedIssueSeverity.High);
    }

    [Fact]
    public void AFindingTriggeredByTheEndOfTheSessionPointsAtTheInfusion()
    {
        // Stopped after 10 of the 40 planned minutes and ended as completed: judged short at the end.
        var script = JudgedSession.Script();
        var export = JudgedSession.Judge(script,
            [script.Vitals(TimeSpan.FromMinutes(-5)), script.Started(), script.Rate(TimeSpan.FromSeconds(30), 52.5), script.Rate(TimeSpan.FromSeconds(30) + TimeSpan.FromMinutes(10), 0), script.Ended(TimeSpan.FromMinutes(11))],
            T0.AddMinutes(12));
        var bundle = SessionBundleMapper.Map(export, Assembled);
        var findings = export.Document.Findings;

        var endEvent = export.Document.Events.Single(e => e.Type == "SessionEnded").EventId;
        var atEnd = findings.Where(f => f.TriggerEventId == endEvent).Select(f => f.RuleId).ToList();
        atEnd.ShouldNotBeEmpty($"findings: {string.Join(", ", findings.Select(f => $"{f.RuleId}<-{f.TriggerEventId}"))}");
        var infusion = bundle.Entry.Single(e => e.Resource is MedicationAdministration m && m.PartOf.Count == 0 && m.Effective is Period).FullUrl;
        foreach (var issue in All<DetectedIssue>(bundle).Where(i => atEnd.Contains(i.Code.Coding[0].Code)))
        {
            issue.Evidence.Single().Detail.Select(d => d.Reference).ShouldBe([infusion]);
        }
    }

    [Fact]
    public void AReadingBeyondAFhirDecimalIsReportedAsSentNotClipped()
    {
        // The contract takes any finite vital sign; 1e300 is beyond a .NET decimal (the SDK's FHIR decimal).
        var script = JudgedSession.Script();
        var export = JudgedSession.Judge(script,
            [script.Event("VitalsRecorded", TimeSpan.Zero, new System.Text.Json.Nodes.JsonObject { ["heartRateBpm"] = 1e300 })], T0.AddMinutes(1));

        var observation = All<Observation>(SessionBundleMapper.Map(export, Assembled)).ShouldHaveSingleItem();

        observation.Value.ShouldBeNull();
        observation.DataAbsentReason.Coding.Single().Code.ShouldBe("error");
        observation.DataAbsentReason.Text.ShouldBe("the device sent 1E+300 beats/minute, beyond a FHIR decimal");
        InfusionAudit.Testing.FhirValidation.Shared.Validate(observation).ShouldBeEmpty();
    }

    [Fact]
    public void ARuleThatCouldNotJudgeTheSessionIsADetectedIssueWithItsReason()
    {
        var script = JudgedSession.Script();
        var export = JudgedSession.Judge(script, [script.Vitals(TimeSpan.FromMinutes(-5)), script.Rate(TimeSpan.FromSeconds(30), 52.5)], T0.AddMinutes(5));
        var state = export.Document.State.Deserialize<SessionState>(Application.JsonDefaults.Options)!;
        state.RulesNotEvaluated.ShouldNotBeEmpty("a session without its start cannot be judged for dose");

        var issues = All<DetectedIssue>(SessionBundleMapper.Map(export, Assembled));

        foreach (var rule in state.RulesNotEvaluated)
        {
            var issue = issues.Single(i => i.Identifier.Single().System == FhirSystems.RuleNotEvaluated && i.Code.Coding[0].Code == rule.RuleId);
            issue.Detail.ShouldBe($"Rule {rule.RuleId} could not judge this session: {rule.Reason}");
            issue.Severity.ShouldBeNull();
        }
    }

    [Fact]
    public void UnresolvedAlertsAreActiveFlagsPointingAtTheirFinding()
    {
        var export = Scenarios.OverdoseExport(Scenarios.ThreeAlerts);
        var bundle = SessionBundleMapper.Map(export, Assembled);
        var flags = All<Flag>(bundle);

        flags.Select(f => f.Identifier.Single().Value).ShouldBe(export.Alerts.Where(a => a.State != "resolved").Select(a => a.AlertId));
        flags.ShouldAllBe(f => f.Status == Flag.FlagStatus.Active);
        flags[1].Code.Text.ShouldContain("acknowledged by Dr. Example");
        foreach (var (flag, alert) in flags.Zip(export.Alerts))
        {
            var detail = flag.GetExtension(FhirSystems.FlagDetailExtension).Value.ShouldBeOfType<ResourceReference>().Reference;
            var issue = (DetectedIssue)bundle.Entry.Single(e => e.FullUrl == detail).Resource!;
            issue.Code.Coding[0].Code.ShouldBe(alert.RuleId);
            flag.Period.StartElement.ToDateTimeOffset(TimeSpan.Zero).ShouldBe(alert.RaisedAt);
        }
    }

    [Fact]
    public void IdsAreStableAndEveryReferenceResolvesInsideTheBundle()
    {
        var (script, events) = Scenarios.Overdose();
        var first = SessionBundleMapper.Map(JudgedSession.Judge(script, events, T0.AddMinutes(50)), Assembled);
        var second = SessionBundleMapper.Map(JudgedSession.Judge(script, events, T0.AddMinutes(50)), Assembled.AddDays(1));

        second.Id.ShouldBe(first.Id);
        second.Entry.Select(e => e.FullUrl).ShouldBe(first.Entry.Select(e => e.FullUrl));
        second.Timestamp.ShouldNotBe(first.Timestamp);
        var fullUrls = first.Entry.Select(e => e.FullUrl).ToHashSet();
        fullUrls.Count.ShouldBe(first.Entry.Count, "full URLs are unique");
        first.Entry.ShouldAllBe(e => e.FullUrl == "urn:uuid:" + e.Resource!.Id);

        var references = FhirJson.Serialize(first).Split('"').Where(s => s.StartsWith("urn:uuid:", StringComparison.Ordinal)).ToList();
        references.Count.ShouldBeGreaterThan(first.Entry.Count, "resources refer to each other");
        references.ShouldAllBe(r => fullUrls.Contains(r));

        var other = JudgedSession.Script();
        SessionBundleMapper.Map(JudgedSession.Judge(other, [other.Vitals(TimeSpan.Zero)], T0.AddMinutes(1)), Assembled).Id.ShouldNotBe(first.Id);
    }
}
