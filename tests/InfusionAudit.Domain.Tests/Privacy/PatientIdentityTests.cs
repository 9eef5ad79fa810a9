using System.Security.Cryptography;
using System.Text;
using InfusionAudit.Domain.Contract;
using InfusionAudit.Domain.Privacy;
using InfusionAudit.Domain.Tests.Contract;
using Shouldly;
using Xunit;

namespace InfusionAudit.Domain.Tests.Privacy;

/// <summary>Issue 10.5: one patient is one normalised reference within a configured scope, named in the hash prefix.</summary>
public sealed class PatientIdentityTests
{
    private static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

    [Fact]
    public void TheHashNamesVersionScopeAndKeyIdAndIsTheHmacOfTheScopedNormalisedReference()
    {
        var pseudonymizer = new PatientPseudonymizer(Key, PatientIdentityScope.Clinic, "kv-2026");
        var message = "v1|clinic|6:abq-01|MRN-778812";
        var expected = "hmac-sha256:v1:clinic:kv-2026:" + Convert.ToHexStringLower(HMACSHA256.HashData(Key, Encoding.UTF8.GetBytes(message)));

        pseudonymizer.ForClinic("abq-01").Hash(" mrn-778812 ").ShouldBe(expected);
    }

    [Fact]
    public void OrganisationScopeHashesTheReferenceAloneAndSaysSoInThePrefix()
    {
        var pseudonymizer = new PatientPseudonymizer(Key, PatientIdentityScope.Organisation, "k1");
        var expected = "hmac-sha256:v1:organisation:k1:" + Convert.ToHexStringLower(HMACSHA256.HashData(Key, Encoding.UTF8.GetBytes("v1|organisation|MRN-778812")));

        pseudonymizer.ForClinic("abq-01").Hash("MRN-778812").ShouldBe(expected);
    }

    [Fact]
    public void ByDefaultTheSameReferenceAtTwoClinicsIsTwoPatients()
    {
        var pseudonymizer = new PatientPseudonymizer(Key);

        pseudonymizer.ForClinic("abq-01").Hash("MRN-1").ShouldNotBe(pseudonymizer.ForClinic("sfe-02").Hash("MRN-1"));
        pseudonymizer.ForClinic("abq-01").Hash("MRN-1").ShouldStartWith("hmac-sha256:v1:clinic:");
    }

    [Fact]
    public void InOrganisationScopeTheSameReferenceAtTwoClinicsIsOnePatient()
    {
        var pseudonymizer = new PatientPseudonymizer(Key, PatientIdentityScope.Organisation);

        pseudonymizer.ForClinic("abq-01").Hash("MRN-1").ShouldBe(pseudonymizer.ForClinic("sfe-02").Hash("MRN-1"));
    }

    [Fact]
    public void AClinicIdCannotRunIntoTheReference()
    {
        var pseudonymizer = new PatientPseudonymizer(Key);

        pseudonymizer.ForClinic("a|1").Hash("2").ShouldNotBe(pseudonymizer.ForClinic("a").Hash("1|2"));
    }

    [Theory]
    [InlineData("MRN-778812", "MRN-778812")]
    [InlineData("  mrn-778812\t", "MRN-778812")]
    [InlineData("Mrn-778812", "MRN-778812")]
    [InlineData("\u00a0MRN-778812\u3000", "MRN-778812")]
    [InlineData("ＭＲＮ－７７８８１２", "MRN-778812")]
    [InlineData("mrn-\u00e9", "MRN-\u00c9")]
    [InlineData("mrn-e\u0301", "MRN-E\u0301")]
    [InlineData("MRN 778812", "MRN 778812")]
    public void ReferencesAreNormalisedByFullWidthFoldingTrimAndInvariantUpperCase(string given, string normalised)
    {
        PatientPseudonymizer.Normalize(given).ShouldBe(normalised);
    }

    [Fact]
    public void SpellingsOfOneReferenceGiveOneHashAndDifferentReferencesDifferentHashes()
    {
        var clinic = new PatientPseudonymizer(Key).ForClinic("abq-01");

        clinic.Hash(" mrn-778812").ShouldBe(clinic.Hash("MRN-778812"));
        clinic.Hash("ＭＲＮ-778812").ShouldBe(clinic.Hash("MRN-778812"));
        clinic.Hash("MRN-778813").ShouldNotBe(clinic.Hash("MRN-778812"));
        clinic.Hash("MRN 778812").ShouldNotBe(clinic.Hash("MRN778812"));
    }

    [Fact]
    public void TextThatIsNoValidUnicodeIsStillHashed()
    {
        var clinic = new PatientPseudonymizer(Key).ForClinic("abq-01");

        clinic.Hash("mrn-1\ud800").ShouldStartWith("hmac-sha256:v1:clinic:");
    }

    [Fact]
    public void WithoutAConfiguredKeyIdTheIdIsDerivedFromTheKeyAndNamesNoPartOfIt()
    {
        var first = new PatientPseudonymizer(Key);
        var again = new PatientPseudonymizer((byte[])Key.Clone());
        var other = new PatientPseudonymizer(Key.Select(b => (byte)(b ^ 0xFF)).ToArray());

        first.KeyId.ShouldBe(again.KeyId);
        first.KeyId.ShouldNotBe(other.KeyId);
        first.KeyId.ShouldMatch("^k[0-9a-f]{8}$");
        Convert.ToHexStringLower(Key).ShouldNotContain(first.KeyId[1..]);
        first.ForClinic("abq-01").Hash("MRN-1").ShouldStartWith($"hmac-sha256:v1:clinic:{first.KeyId}:");
    }

    [Theory]
    [InlineData("")]
    [InlineData("key:1")]
    [InlineData("key 1")]
    [InlineData("a-key-id-that-is-far-longer-than-any-key-vault-version-id-needs-to-be")]
    public void AKeyIdThatWouldBreakThePrefixIsRefused(string keyId)
    {
        Should.Throw<ArgumentException>(() => new PatientPseudonymizer(Key, PatientIdentityScope.Clinic, keyId));
    }

    [Fact]
    public void AStartEventIsHashedWithinItsOwnClinic()
    {
        var pseudonymizer = new PatientPseudonymizer(Key);
        var e = TestEvents.SessionStartedIv().Accepted();

        var hashed = ((SessionStartedPayload)pseudonymizer.Pseudonymize(e).Payload).PatientRef;

        hashed.ShouldBe(pseudonymizer.ForClinic(e.ClinicId).Hash("MRN-778812"));
        hashed.ShouldNotBe(pseudonymizer.ForClinic(e.ClinicId + "-x").Hash("MRN-778812"));
    }

    [Fact]
    public void TheRawTextOfAnEventCarriesTheSameHashAsTheParsedEventInEitherScope()
    {
        foreach (var scope in new[] { PatientIdentityScope.Clinic, PatientIdentityScope.Organisation })
        {
            var pseudonymizer = new PatientPseudonymizer(Key, scope);
            var parsed = TestEvents.ParseSingle(TestEvents.SessionStartedIv().With("payload.patientRef", " mrn-778812 ").Json());

            var reparsed = TestEvents.ParseSingle(pseudonymizer.ForClinic(parsed.Event!.ClinicId).RedactRawJson(parsed.RawJson)).Event;

            reparsed.ShouldBe(pseudonymizer.Pseudonymize(parsed.Event));
        }
    }
}
