using InfusionAudit.Domain.Privacy;
using InfusionAudit.Domain.Tests.Contract;
using Shouldly;
using Xunit;

namespace InfusionAudit.Domain.Tests.Privacy;

/// <summary>
/// What a producer may send instead of a clean <c>payload.patientRef</c>, and what the raw text kept for audit must
/// still never hold: the reference in clear.
/// </summary>
public sealed class RawTextRedactionTests
{
    private const string Canary = "CANARY-5517";

    private static readonly PatientPseudonymizer Pseudonymizer = new([.. Enumerable.Range(1, 32).Select(i => (byte)i)]);

    [Theory]
    [InlineData("PatientRef")]
    [InlineData("patient_ref")]
    [InlineData("PATIENT-REF")]
    [InlineData("patientref")]
    [InlineData("patientRefs")]
    [InlineData("pateintRef")]
    [InlineData("patientRfe")]
    [InlineData("patientId")]
    [InlineData("patient_id")]
    [InlineData("patient")]
    [InlineData("MRN")]
    [InlineData("ｐａｔｉｅｎｔＲｅｆ")]
    public void ADifferentlySpeltOrCasedKeyHasItsValueHashed(string key)
    {
        var raw = $$$"""{"payload":{"{{{key}}}":"{{{Canary}}}","protocolId":"ketamine-iv-depression"}}""";

        var redacted = Pseudonymizer.Redact(raw);

        redacted.Text.ShouldNotContain(Canary);
        redacted.Text.ShouldContain(Pseudonymizer.Hash(Canary));
        redacted.Text.ShouldContain("ketamine-iv-depression");
        redacted.Withheld.ShouldBe(0);
    }

    [Theory]
    [InlineData("patientAgeYears")]
    [InlineData("protocolId")]
    [InlineData("sessionId")]
    [InlineData("clinicId")]
    [InlineData("note")]
    public void ContractFieldsThatAreNotAPatientReferenceAreKept(string key)
    {
        var raw = $$$"""{"payload":{"{{{key}}}":"{{{Canary}}}"}}""";

        Pseudonymizer.Redact(raw).Text.ShouldBe(raw);
    }

    [Theory]
    [InlineData("""{"payload":{"patient\u0052ef":"CANARY-5517"}}""")]
    [InlineData("""{"payload":{"\u0070\u0061\u0074\u0069\u0065\u006e\u0074\u0052\u0065\u0066":"CANARY-5517"}}""")]
    [InlineData("""{"payload":{"Patient\u005fRef":"CANARY-5517"}} broken""")]
    [InlineData("""{"payload":{"patient\u0052ef":"CANARY-5517", "weightKg": }""")]
    [InlineData("""{"payload":{"patient\u0052ef":"CANARY-5517""")]
    public void AnEscapedKeyNameIsRecognisedInJsonAndInBrokenText(string raw)
    {
        var redacted = Pseudonymizer.Redact(raw);

        redacted.Text.ShouldNotContain(Canary);
        redacted.Text.ShouldContain(Pseudonymizer.Hash(Canary));
    }

    [Theory]
    [InlineData("""{"a\udc00":1,"payload":{"patient\u0052ef":"CANARY-5517"}}""")]
    [InlineData("""{"payload":{"note":"\ud800","patientRef":"CANARY-5517"}}""")]
    [InlineData("""{"payload":{"patientRef\ud800":"CANARY-5517"}}""")]
    [InlineData("""{"payload":{"patientRef":"CANARY-5517","x\udfff":"\ud800\ud800"}}""")]
    [InlineData("""[{"x":"\udc00"},{"payload":{"PatientRef":"CANARY-5517"}}]""")]
    public void LoneSurrogateEscapesAnywhereDoNotStopTheRedaction(string raw)
    {
        var redacted = Pseudonymizer.Redact(raw);

        redacted.Text.ShouldNotContain(Canary);
        redacted.Text.ShouldContain("hmac-sha256:");
    }

    [Fact]
    public void AnUnescapedLoneSurrogateInTheTextDoesNotStopTheRedaction()
    {
        var raw = "{\"x\":\"\uD800\",\"payload\":{\"patient\\u0052ef\":\"" + Canary + "\"}}";

        Pseudonymizer.Redact(raw).Text.ShouldNotContain(Canary);
    }

    [Fact]
    public void AReferenceInsideJsonEncodedAsAStringIsHashedAndTheStringStaysJson()
    {
        var raw = """{"payload":"{\"patientRef\":\"CANARY-5517\",\"weightKg\":70}"}""";

        var redacted = Pseudonymizer.Redact(raw);

        redacted.Text.ShouldNotContain(Canary);
        redacted.Text.ShouldContain(Pseudonymizer.Hash(Canary));
        System.Text.Json.JsonDocument.Parse(redacted.Text).RootElement.GetProperty("payload").GetString()!.ShouldContain("\"weightKg\":70");
    }

    [Theory]
    [InlineData("patientRef=CANARY-5517&weightKg=70")]
    [InlineData("{patientRef: 'CANARY-5517', weightKg: 70}")]
    [InlineData("{'patient_ref':'CANARY-5517'}")]
    [InlineData("<event><patientRef>CANARY-5517</patientRef></event>")]
    [InlineData("""{"note":"patientRef: CANARY-5517"}""")]
    [InlineData("""{"note":"{'patientRef':'CANARY-5517'}"}""")]
    public void WhenTheValueCannotBeLocatedWithCertaintyItIsWithheldAndCounted(string raw)
    {
        var redacted = Pseudonymizer.Redact(raw);

        redacted.Text.ShouldNotContain(Canary);
        redacted.Withheld.ShouldBeGreaterThan(0);
    }

    // Found by the hostile corpus (Faults/HostileCorpusTests): junk between a patient key and its colon hid the key.
    [Theory]
    [InlineData("""{"payload":{"patientRef"\udbff\ud800:"CANARY-5517","route":"IV"}}""")]
    [InlineData("""{"payload":{"patient_ref"\ud83d:"CANARY-5517"}}""")]
    [InlineData("""{"patientRef" x: "CANARY-5517"}""")]
    [InlineData("""{"patientRef" "CANARY-5517"}""")]
    [InlineData("""{"PatientRef"\u003a"CANARY-5517"}""")]
    public void APatientKeyFollowedByAnythingButItsColonWithholdsTheRestOfTheText(string raw)
    {
        var redacted = Pseudonymizer.Redact(raw);

        redacted.Text.ShouldNotContain(Canary);
        redacted.Withheld.ShouldBeGreaterThan(0);
    }

    [Theory]
    [InlineData("""["patientRef","patient"]""")]
    [InlineData("""{"note":"patientRef"}""")]
    [InlineData("""{"note":"patientRef" }""")]
    [InlineData("{\"note\":\"patientRef")]
    public void APatientWordAsAStringValueInJsonIsKept(string raw)
    {
        var redacted = Pseudonymizer.Redact(raw);

        redacted.Text.ShouldBe(raw);
        redacted.Withheld.ShouldBe(0);
    }

    [Fact]
    public void TheContract1Point1EventTypePatientDischargedIsNotTakenForAPatientKey()
    {
        var raw = """{"type":"PatientDischarged","payload":{"readyToLeaveAt":"2026-11-26T16:10:00Z"}}""";

        var redacted = Pseudonymizer.Redact(raw);

        redacted.Text.ShouldBe(raw);
    }

    [Fact]
    public void TextBeforeAnUncertainMentionIsKept()
    {
        var redacted = Pseudonymizer.Redact("eventId=e-1&patientRef=CANARY-5517");

        redacted.Text.ShouldStartWith("eventId=e-1&");
        redacted.Text.ShouldNotContain(Canary);
    }

    [Fact]
    public void FreeTextThatMerelyMentionsAPatientIsKept()
    {
        const string raw = """{"payload":{"effect":"nausea","note":"Patient: felt better; ref sheet updated. patient=calm"}}""";

        var redacted = Pseudonymizer.Redact(raw);

        redacted.Text.ShouldBeSameAs(raw);
        redacted.Withheld.ShouldBe(0);
    }

    [Fact]
    public void AValidSessionStartIsUnchangedButForItsHashAndNothingIsWithheld()
    {
        var json = TestEvents.SessionStartedIv().Json();

        var redacted = Pseudonymizer.Redact(json);

        redacted.Withheld.ShouldBe(0);
        redacted.Text.ShouldBe(json.Replace("\"MRN-778812\"", "\"" + Pseudonymizer.Hash("MRN-778812") + "\"", StringComparison.Ordinal));
    }
}
