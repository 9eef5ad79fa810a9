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
    public void A_differently_spelt_or_cased_key_has_its_value_hashed(string key)
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
    public void Contract_fields_that_are_not_a_patient_reference_are_kept(string key)
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
    public void An_escaped_key_name_is_recognised_in_json_and_in_broken_text(string raw)
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
    public void Lone_surrogate_escapes_anywhere_do_not_stop_the_redaction(string raw)
    {
        var redacted = Pseudonymizer.Redact(raw);

        redacted.Text.ShouldNotContain(Canary);
        redacted.Text.ShouldContain("hmac-sha256:");
    }

    [Fact]
    public void An_unescaped_lone_surrogate_in_the_text_does_not_stop_the_redaction()
    {
        var raw = "{\"x\":\"\uD800\",\"payload\":{\"patient\\u0052ef\":\"" + Canary + "\"}}";

        Pseudonymizer.Redact(raw).Text.ShouldNotContain(Canary);
    }

    [Fact]
    public void A_reference_inside_json_encoded_as_a_string_is_hashed_and_the_string_stays_json()
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
    public void When_the_value_cannot_be_located_with_certainty_it_is_withheld_and_counted(string raw)
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
    public void A_patient_key_followed_by_anything_but_its_colon_withholds_the_rest_of_the_text(string raw)
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
    public void A_patient_word_as_a_string_value_in_json_is_kept(string raw)
    {
        var redacted = Pseudonymizer.Redact(raw);

        redacted.Text.ShouldBe(raw);
        redacted.Withheld.ShouldBe(0);
    }

    [Fact]
    public void The_contract_1_1_event_type_PatientDischarged_is_not_taken_for_a_patient_key()
    {
        var raw = """{"type":"PatientDischarged","payload":{"readyToLeaveAt":"2026-11-26T16:10:00Z"}}""";

        var redacted = Pseudonymizer.Redact(raw);

        redacted.Text.ShouldBe(raw);
    }

    [Fact]
    public void Text_before_an_uncertain_mention_is_kept()
    {
        var redacted = Pseudonymizer.Redact("eventId=e-1&patientRef=CANARY-5517");

        redacted.Text.ShouldStartWith("eventId=e-1&");
        redacted.Text.ShouldNotContain(Canary);
    }

    [Fact]
    public void Free_text_that_merely_mentions_a_patient_is_kept()
    {
        const string raw = """{"payload":{"effect":"nausea","note":"Patient: felt better; ref sheet updated. patient=calm"}}""";

        var redacted = Pseudonymizer.Redact(raw);

        redacted.Text.ShouldBeSameAs(raw);
        redacted.Withheld.ShouldBe(0);
    }

    [Fact]
    public void A_valid_session_start_is_unchanged_but_for_its_hash_and_nothing_is_withheld()
    {
        var json = TestEvents.SessionStartedIv().Json();

        var redacted = Pseudonymizer.Redact(json);

        redacted.Withheld.ShouldBe(0);
        redacted.Text.ShouldBe(json.Replace("\"MRN-778812\"", "\"" + Pseudonymizer.Hash("MRN-778812") + "\"", StringComparison.Ordinal));
    }
}
