using System.Security.Cryptography;
using System.Text;
using InfusionAudit.Domain.Contract;
using InfusionAudit.Domain.Privacy;
using InfusionAudit.Domain.Tests.Contract;
using Shouldly;
using Xunit;

namespace InfusionAudit.Domain.Tests.Privacy;

public sealed class PatientPseudonymizerTests
{
    private static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    private static readonly PatientPseudonymizer Pseudonymizer = new(Key);

    [Fact]
    public void The_hash_is_hmac_sha256_of_the_scoped_utf8_identifier_in_lowercase_hex()
    {
        // Catalogue v2: the scope and key id are in the prefix, and the clinic (clinic scope) in the hashed text.
        var prefix = $"hmac-sha256:v1:clinic:{Pseudonymizer.KeyId}:";
        var expected = prefix + Convert.ToHexStringLower(HMACSHA256.HashData(Key, Encoding.UTF8.GetBytes("v1|clinic|0:|MRN-778812")));

        Pseudonymizer.Hash("MRN-778812").ShouldBe(expected);
        expected.Length.ShouldBe(prefix.Length + 64);
    }

    [Fact]
    public void The_hash_is_deterministic_across_instances_with_the_same_key()
    {
        new PatientPseudonymizer(Key).Hash("MRN-778812").ShouldBe(Pseudonymizer.Hash("MRN-778812"));
    }

    [Fact]
    public void A_different_key_gives_a_different_hash()
    {
        var otherKey = Key.Select(b => (byte)(b ^ 0xFF)).ToArray();

        new PatientPseudonymizer(otherKey).Hash("MRN-778812").ShouldNotBe(Pseudonymizer.Hash("MRN-778812"));
    }

    [Fact]
    public void Different_identifiers_give_different_hashes()
    {
        Pseudonymizer.Hash("MRN-778812").ShouldNotBe(Pseudonymizer.Hash("MRN-778813"));
    }

    [Fact]
    public void Identifiers_longer_than_the_stack_buffer_are_hashed_the_same_way()
    {
        var longRef = new string('é', 400);
        var expected = $"hmac-sha256:v1:clinic:{Pseudonymizer.KeyId}:" + Convert.ToHexStringLower(HMACSHA256.HashData(Key, Encoding.UTF8.GetBytes("v1|clinic|0:|" + new string('É', 400))));

        Pseudonymizer.Hash(longRef).ShouldBe(expected);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(16)]
    [InlineData(31)]
    public void Keys_shorter_than_32_bytes_are_refused(int length)
    {
        var exception = Should.Throw<ArgumentException>(() => new PatientPseudonymizer(new byte[length]));

        exception.Message.ShouldContain("at least 32 bytes");
    }

    [Fact]
    public void Changing_the_callers_key_array_afterwards_does_not_change_the_hashes()
    {
        var key = (byte[])Key.Clone();
        var pseudonymizer = new PatientPseudonymizer(key);
        var before = pseudonymizer.Hash("MRN-1");

        Array.Clear(key);

        pseudonymizer.Hash("MRN-1").ShouldBe(before);
    }

    [Fact]
    public void A_session_start_event_gets_its_patient_ref_hashed_and_nothing_else_changed()
    {
        var e = TestEvents.SessionStartedIv().Accepted();

        var pseudonymized = Pseudonymizer.Pseudonymize(e);

        var payload = (SessionStartedPayload)pseudonymized.Payload;
        payload.PatientRef.ShouldBe(Pseudonymizer.ForClinic(e.ClinicId).Hash("MRN-778812"));
        pseudonymized.ShouldBe(e with { Payload = ((SessionStartedPayload)e.Payload) with { PatientRef = payload.PatientRef } });
    }

    [Fact]
    public void Events_without_a_patient_ref_are_returned_unchanged()
    {
        var e = TestEvents.Of(EventType.VitalsRecorded).Accepted();

        Pseudonymizer.Pseudonymize(e).ShouldBeSameAs(e);
    }

    [Fact]
    public void Raw_json_has_the_patient_ref_replaced_and_every_other_byte_kept()
    {
        const string raw = """{ "schemaVersion":1.0, "payload" : { "route":"IV", "patientRef" : "MRN-778812", "weightKg": 7e1, "note":"caf\u00e9 é <b>" } }""";

        var redacted = Pseudonymizer.RedactRawJson(raw);

        redacted.ShouldBe(raw.Replace("\"MRN-778812\"", "\"" + Pseudonymizer.Hash("MRN-778812") + "\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Raw_json_of_a_batch_has_every_patient_ref_replaced()
    {
        var batch = "[" + TestEvents.SessionStartedIv().Json() + "," + TestEvents.SessionStartedIv().With("payload.patientRef", "MRN-2").Json() + "]";

        var redacted = Pseudonymizer.RedactRawJson(batch);

        redacted.ShouldNotContain("MRN-");
        redacted.ShouldContain(Pseudonymizer.Hash("MRN-778812"));
        redacted.ShouldContain(Pseudonymizer.Hash("MRN-2"));
    }

    [Fact]
    public void An_escaped_patient_ref_is_hashed_by_its_decoded_value_like_the_parsed_event()
    {
        var json = TestEvents.SessionStartedIv().With("payload.patientRef", "MRN-1").Json().Replace("MRN-1", "MRN\\u002d1", StringComparison.Ordinal);
        var parsed = TestEvents.ParseSingle(json).Event!;
        var parsedHash = ((SessionStartedPayload)Pseudonymizer.Pseudonymize(parsed).Payload).PatientRef;

        var redacted = Pseudonymizer.ForClinic(parsed.ClinicId).RedactRawJson(json);

        redacted.ShouldNotContain("MRN");
        redacted.ShouldContain(parsedHash);
    }

    [Fact]
    public void A_patient_ref_outside_the_payload_or_not_a_string_is_replaced_too()
    {
        const string raw = """{"patientRef":778812,"payload":{"nested":{"patientRef":["MRN-9"]}},"x":{"patientRef":null}}""";

        var redacted = Pseudonymizer.RedactRawJson(raw);

        redacted.ShouldNotContain("778812");
        redacted.ShouldNotContain("MRN-9");
        redacted.ShouldContain(Pseudonymizer.Hash("778812"));
        redacted.ShouldContain("\"patientRef\":null");
    }

    [Fact]
    public void An_escaped_property_name_is_still_recognised()
    {
        var redacted = Pseudonymizer.RedactRawJson("""{"payload":{"patient\u0052ef":"MRN-778812"}}""");

        redacted.ShouldNotContain("MRN");
    }

    [Theory]
    [InlineData("{\"payload\":{\"patientRef\":\"MRN-778812\",\"weightKg\":}}")]
    [InlineData("{\"payload\":{\"patientRef\" : \"MRN-778812\"  ")]
    [InlineData("{\"payload\":{\"patientRef\":\"MRN-778812\"")]
    [InlineData("{\"payload\":{\"patientRef\":\"MRN-778")]
    [InlineData("[{\"patientRef\":\"MRN-778812\"},{\"patientRef\":\"MRN-778")]
    [InlineData("{\"payload\":{\"patientRef\":MRN-778812}}")]
    [InlineData("{\"patientRef\":\"MRN-778\\\"812\"} trailing")]
    [InlineData("{\"patientRef\":\"MRN-778\\\"")]
    [InlineData("{\"patientRef\":\"MRN-778\\")]
    [InlineData("{\"patientRef\":\n\t\"MRN-778\n")]
    public void Text_that_is_not_json_still_has_its_patient_ref_replaced(string raw)
    {
        var redacted = Pseudonymizer.RedactRawJson(raw);

        redacted.ShouldNotContain("MRN");
        redacted.ShouldNotContain("778");
        redacted.ShouldContain("hmac-sha256:");
    }

    [Fact]
    public void Broken_json_with_an_escaped_patient_ref_gets_the_hash_of_the_decoded_value()
    {
        var redacted = Pseudonymizer.RedactRawJson("""{"payload":{"patientRef":"MRN\u002d1", broken""");

        redacted.ShouldContain(Pseudonymizer.Hash("MRN-1"));
        redacted.ShouldNotContain("MRN");
    }

    [Fact]
    public void A_patient_ref_holding_an_escaped_lone_surrogate_is_still_replaced()
    {
        var redacted = Pseudonymizer.RedactRawJson("""{"payload":{"patientRef":"MRN-778812\ud800"}}""");

        redacted.ShouldNotContain("MRN");
        redacted.ShouldContain("hmac-sha256:");
    }

    [Fact]
    public void Text_without_a_patient_ref_is_returned_as_is()
    {
        const string raw = """{ "payload" : { "doseMg" : 28 } }""";

        Pseudonymizer.RedactRawJson(raw).ShouldBeSameAs(raw);
    }

    [Fact]
    public void The_redacted_text_of_a_parsed_event_still_parses_to_the_pseudonymized_event()
    {
        var parsed = TestEvents.ParseSingle(TestEvents.SessionStartedIv().Json());

        var reparsed = TestEvents.ParseSingle(Pseudonymizer.ForClinic(parsed.Event!.ClinicId).RedactRawJson(parsed.RawJson)).Event;

        reparsed.ShouldBe(Pseudonymizer.Pseudonymize(parsed.Event!));
    }
}
