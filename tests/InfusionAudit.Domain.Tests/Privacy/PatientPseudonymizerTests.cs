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
    public void TheHashIsHmacSha256OfTheScopedUtf8IdentifierInLowercaseHex()
    {
        // Catalogue v2: the scope and key id are in the prefix, and the clinic (clinic scope) in the hashed text.
        var prefix = $"hmac-sha256:v1:clinic:{Pseudonymizer.KeyId}:";
        var expected = prefix + Convert.ToHexStringLower(HMACSHA256.HashData(Key, Encoding.UTF8.GetBytes("v1|clinic|0:|MRN-778812")));

        Pseudonymizer.Hash("MRN-778812").ShouldBe(expected);
        expected.Length.ShouldBe(prefix.Length + 64);
    }

    [Fact]
    public void TheHashIsDeterministicAcrossInstancesWithTheSameKey()
    {
        new PatientPseudonymizer(Key).Hash("MRN-778812").ShouldBe(Pseudonymizer.Hash("MRN-778812"));
    }

    [Fact]
    public void ADifferentKeyGivesADifferentHash()
    {
        var otherKey = Key.Select(b => (byte)(b ^ 0xFF)).ToArray();

        new PatientPseudonymizer(otherKey).Hash("MRN-778812").ShouldNotBe(Pseudonymizer.Hash("MRN-778812"));
    }

    [Fact]
    public void DifferentIdentifiersGiveDifferentHashes()
    {
        Pseudonymizer.Hash("MRN-778812").ShouldNotBe(Pseudonymizer.Hash("MRN-778813"));
    }

    [Fact]
    public void IdentifiersLongerThanTheStackBufferAreHashedTheSameWay()
    {
        var longRef = new string('é', 400);
        var expected = $"hmac-sha256:v1:clinic:{Pseudonymizer.KeyId}:" + Convert.ToHexStringLower(HMACSHA256.HashData(Key, Encoding.UTF8.GetBytes("v1|clinic|0:|" + new string('É', 400))));

        Pseudonymizer.Hash(longRef).ShouldBe(expected);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(16)]
    [InlineData(31)]
    public void KeysShorterThan32BytesAreRefused(int length)
    {
        var exception = Should.Throw<ArgumentException>(() => new PatientPseudonymizer(new byte[length]));

        exception.Message.ShouldContain("at least 32 bytes");
    }

    [Fact]
    public void ChangingTheCallersKeyArrayAfterwardsDoesNotChangeTheHashes()
    {
        var key = (byte[])Key.Clone();
        var pseudonymizer = new PatientPseudonymizer(key);
        var before = pseudonymizer.Hash("MRN-1");

        Array.Clear(key);

        pseudonymizer.Hash("MRN-1").ShouldBe(before);
    }

    [Fact]
    public void ASessionStartEventGetsItsPatientRefHashedAndNothingElseChanged()
    {
        var e = TestEvents.SessionStartedIv().Accepted();

        var pseudonymized = Pseudonymizer.Pseudonymize(e);

        var payload = (SessionStartedPayload)pseudonymized.Payload;
        payload.PatientRef.ShouldBe(Pseudonymizer.ForClinic(e.ClinicId).Hash("MRN-778812"));
        pseudonymized.ShouldBe(e with { Payload = ((SessionStartedPayload)e.Payload) with { PatientRef = payload.PatientRef } });
    }

    [Fact]
    public void EventsWithoutAPatientRefAreReturnedUnchanged()
    {
        var e = TestEvents.Of(EventType.VitalsRecorded).Accepted();

        Pseudonymizer.Pseudonymize(e).ShouldBeSameAs(e);
    }

    [Fact]
    public void RawJsonHasThePatientRefReplacedAndEveryOtherByteKept()
    {
        const string raw = """{ "schemaVersion":1.0, "payload" : { "route":"IV", "patientRef" : "MRN-778812", "weightKg": 7e1, "note":"caf\u00e9 é <b>" } }""";

        var redacted = Pseudonymizer.RedactRawJson(raw);

        redacted.ShouldBe(raw.Replace("\"MRN-778812\"", "\"" + Pseudonymizer.Hash("MRN-778812") + "\"", StringComparison.Ordinal));
    }

    [Fact]
    public void RawJsonOfABatchHasEveryPatientRefReplaced()
    {
        var batch = "[" + TestEvents.SessionStartedIv().Json() + "," + TestEvents.SessionStartedIv().With("payload.patientRef", "MRN-2").Json() + "]";

        var redacted = Pseudonymizer.RedactRawJson(batch);

        redacted.ShouldNotContain("MRN-");
        redacted.ShouldContain(Pseudonymizer.Hash("MRN-778812"));
        redacted.ShouldContain(Pseudonymizer.Hash("MRN-2"));
    }

    [Fact]
    public void AnEscapedPatientRefIsHashedByItsDecodedValueLikeTheParsedEvent()
    {
        var json = TestEvents.SessionStartedIv().With("payload.patientRef", "MRN-1").Json().Replace("MRN-1", "MRN\\u002d1", StringComparison.Ordinal);
        var parsed = TestEvents.ParseSingle(json).Event!;
        var parsedHash = ((SessionStartedPayload)Pseudonymizer.Pseudonymize(parsed).Payload).PatientRef;

        var redacted = Pseudonymizer.ForClinic(parsed.ClinicId).RedactRawJson(json);

        redacted.ShouldNotContain("MRN");
        redacted.ShouldContain(parsedHash);
    }

    [Fact]
    public void APatientRefOutsideThePayloadOrNotAStringIsReplacedToo()
    {
        const string raw = """{"patientRef":778812,"payload":{"nested":{"patientRef":["MRN-9"]}},"x":{"patientRef":null}}""";

        var redacted = Pseudonymizer.RedactRawJson(raw);

        redacted.ShouldNotContain("778812");
        redacted.ShouldNotContain("MRN-9");
        redacted.ShouldContain(Pseudonymizer.Hash("778812"));
        redacted.ShouldContain("\"patientRef\":null");
    }

    [Fact]
    public void AnEscapedPropertyNameIsStillRecognised()
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
    public void TextThatIsNotJsonStillHasItsPatientRefReplaced(string raw)
    {
        var redacted = Pseudonymizer.RedactRawJson(raw);

        redacted.ShouldNotContain("MRN");
        redacted.ShouldNotContain("778");
        redacted.ShouldContain("hmac-sha256:");
    }

    [Fact]
    public void BrokenJsonWithAnEscapedPatientRefGetsTheHashOfTheDecodedValue()
    {
        var redacted = Pseudonymizer.RedactRawJson("""{"payload":{"patientRef":"MRN\u002d1", broken""");

        redacted.ShouldContain(Pseudonymizer.Hash("MRN-1"));
        redacted.ShouldNotContain("MRN");
    }

    [Fact]
    public void APatientRefHoldingAnEscapedLoneSurrogateIsStillReplaced()
    {
        var redacted = Pseudonymizer.RedactRawJson("""{"payload":{"patientRef":"MRN-778812\ud800"}}""");

        redacted.ShouldNotContain("MRN");
        redacted.ShouldContain("hmac-sha256:");
    }

    [Fact]
    public void TextWithoutAPatientRefIsReturnedAsIs()
    {
        const string raw = """{ "payload" : { "doseMg" : 28 } }""";

        Pseudonymizer.RedactRawJson(raw).ShouldBeSameAs(raw);
    }

    [Fact]
    public void TheRedactedTextOfAParsedEventStillParsesToThePseudonymizedEvent()
    {
        var parsed = TestEvents.ParseSingle(TestEvents.SessionStartedIv().Json());

        var reparsed = TestEvents.ParseSingle(Pseudonymizer.ForClinic(parsed.Event!.ClinicId).RedactRawJson(parsed.RawJson)).Event;

        reparsed.ShouldBe(Pseudonymizer.Pseudonymize(parsed.Event!));
    }
}
