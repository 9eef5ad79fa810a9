using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Shouldly;

namespace InfusionAudit.Simulator.Tests;

// The contract page (event-contract.md) written down independently of the simulator, so that a generator bug and a
// test bug have to agree to slip through.
internal static partial class ContractShape
{
    public static readonly string[] Types =
    [
        "SessionStarted", "InfusionRateChanged", "InfusionPaused", "InfusionResumed", "DoseAdministered",
        "PumpTotalReported", "VitalsRecorded", "AdverseEffectObserved", "SessionEnded", "ScreeningRecorded", "PatientDischarged",
    ];

    private static readonly string[] Effects =
    [
        "nausea", "vomiting", "dizziness", "tachycardia", "hypertension", "hallucinations", "dissociation", "sedation",
        "respiratoryDepression", "lossOfConsciousness", "agitation", "other",
    ];

    private static readonly string[] Severities = ["mild", "moderate", "severe", "lifeThreatening"];
    private static readonly string[] EndReasons = ["completed", "stoppedForAdverseEffect", "stoppedByPatient", "deviceFault", "other"];
    private static readonly string[] Routes = ["IV", "SC", "IN", "IM"];
    private static readonly string[] VitalFields = ["heartRateBpm", "systolicMmHg", "diastolicMmHg", "spo2Percent", "respiratoryRatePerMin"];

    [GeneratedRegex("^[A-Za-z0-9._:-]{1,64}$")]
    public static partial Regex Id();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")]
    public static partial Regex UtcTimestamp();

    public static void ShouldBeValidEvent(JsonObject e)
    {
        var context = e.ToJsonString();
        Integer(e["schemaVersion"]).ShouldBe(1, context);
        Id().IsMatch(Text(e["eventId"])).ShouldBeTrue(context);
        Types.ShouldContain(Text(e["type"]), context);
        Id().IsMatch(Text(e["sessionId"])).ShouldBeTrue(context);
        Id().IsMatch(Text(e["clinicId"])).ShouldBeTrue(context);
        Id().IsMatch(Text(e["deviceId"])).ShouldBeTrue(context);
        Integer(e["sequence"]).ShouldBeGreaterThanOrEqualTo(0, context);
        var occurredAt = Text(e["occurredAt"]);
        UtcTimestamp().IsMatch(occurredAt).ShouldBeTrue(context);
        DateTimeOffset.TryParse(occurredAt, CultureInfo.InvariantCulture, DateTimeStyles.None, out _).ShouldBeTrue(context);
        var payload = e["payload"].ShouldBeOfType<JsonObject>(context);
        ShouldHaveValidPayload(Text(e["type"]), payload, context);
    }

    private static void ShouldHaveValidPayload(string type, JsonObject p, string context)
    {
        switch (type)
        {
            case "SessionStarted":
                Text(p["patientRef"]).Length.ShouldBeInRange(1, 128, context);
                Text(p["protocolId"]).ShouldNotBeEmpty(context);
                Routes.ShouldContain(Text(p["route"]), context);
                Number(p["weightKg"]).ShouldBeGreaterThan(0, context);
                (p.ContainsKey("prescribedDoseMgPerKg") ^ p.ContainsKey("prescribedDoseMg")).ShouldBeTrue(context);
                Number(p["prescribedDoseMgPerKg"] ?? p["prescribedDoseMg"]).ShouldBeGreaterThan(0, context);
                if (Text(p["route"]) == "IV")
                {
                    Number(p["plannedDurationMin"]).ShouldBeGreaterThan(0, context);
                    Number(p["concentrationMgPerMl"]).ShouldBeGreaterThan(0, context);
                }

                if (p.ContainsKey("patientAgeYears"))
                {
                    Integer(p["patientAgeYears"]).ShouldBeGreaterThan(0, context);
                }

                break;
            case "InfusionRateChanged":
                (p.ContainsKey("rateMlPerHour") ^ p.ContainsKey("rateMgPerKgPerHour")).ShouldBeTrue(context);
                Number(p["rateMlPerHour"] ?? p["rateMgPerKgPerHour"]).ShouldBeGreaterThanOrEqualTo(0, context);
                break;
            case "InfusionPaused":
                if (p.ContainsKey("reason"))
                {
                    Text(p["reason"]).Length.ShouldBeLessThanOrEqualTo(200, context);
                }

                break;
            case "InfusionResumed":
                break;
            case "DoseAdministered":
                Number(p["doseMg"]).ShouldBeGreaterThan(0, context);
                if (p.ContainsKey("lotNumber"))
                {
                    Text(p["lotNumber"]).Length.ShouldBeInRange(1, 64, context);
                }

                break;
            case "PumpTotalReported":
                Number(p["volumeInfusedMl"]).ShouldBeGreaterThanOrEqualTo(0, context);
                break;
            case "VitalsRecorded":
                p.Select(f => f.Key).Intersect(VitalFields).ShouldNotBeEmpty(context);
                foreach (var field in VitalFields.Where(p.ContainsKey))
                {
                    Number(p[field]).ShouldBeGreaterThan(0, context);
                }

                break;
            case "AdverseEffectObserved":
                Effects.ShouldContain(Text(p["effect"]), context);
                Severities.ShouldContain(Text(p["severity"]), context);
                if (p.ContainsKey("cadssScore"))
                {
                    Integer(p["cadssScore"]).ShouldBeInRange(0, 92, context);
                }

                if (p.ContainsKey("note"))
                {
                    Text(p["note"]).Length.ShouldBeLessThanOrEqualTo(500, context);
                }

                break;
            case "SessionEnded":
                EndReasons.ShouldContain(Text(p["reason"]), context);
                break;
            case "ScreeningRecorded":
                p["contraindicationsChecked"]!.GetValueKind().ShouldBeOneOf([JsonValueKind.True, JsonValueKind.False], context);
                p["consentObtained"]!.GetValueKind().ShouldBeOneOf([JsonValueKind.True, JsonValueKind.False], context);
                break;
            case "PatientDischarged":
                if (p.ContainsKey("readyToLeaveAt"))
                {
                    DateTimeOffset.TryParse(Text(p["readyToLeaveAt"]), System.Globalization.CultureInfo.InvariantCulture, out _).ShouldBeTrue(context);
                }

                break;
            default:
                throw new ShouldAssertException($"Unknown type {type}");
        }
    }

    private static string Text(JsonNode? node)
    {
        node.ShouldNotBeNull();
        node.GetValueKind().ShouldBe(JsonValueKind.String);
        return node.GetValue<string>();
    }

    private static double Number(JsonNode? node)
    {
        node.ShouldNotBeNull();
        node.GetValueKind().ShouldBe(JsonValueKind.Number);
        return node.GetValue<double>();
    }

    private static long Integer(JsonNode? node)
    {
        var value = Number(node);
        Math.Floor(value).ShouldBe(value);
        return (long)value;
    }
}
