using InfusionAudit.Hl7.Tests.Mapping;

namespace InfusionAudit.Hl7.Tests;

/// <summary>The stored copy of a message never holds what PID (or another person segment) carried.</summary>
public sealed class RawRedactorTests
{
    private static string Hash(string id) => $"hash({id.Length})";

    [Fact]
    public void PidKeepsItsSetIdAndGetsTheHashInPid3()
    {
        var redacted = Hl7RawRedactor.Redact(Hl7EventMapperTests.Corpus("pcd01-vitals.hl7"), Hash);

        redacted.ShouldNotContain("CANARY-HL7-MRN-1");
        redacted.ShouldNotContain("DOE");
        redacted.ShouldNotContain("19800101");
        redacted.ShouldContain("\rPID|||hash(16)\r");
        redacted.ShouldContain("OBX|3|NM|147842");
    }

    [Theory]
    [InlineData("MSH|^~\\&|A\rPID|1||SECRET-1^^^X^MR||DOE^JANE\rNK1|1|DOE^JOHN\r")]
    [InlineData("MSH|^^\\&|A\rPID|1||SECRET-1||DOE^JANE\r")]
    [InlineData("MSH|^~\\&|A PID|1||SECRET-1||DOE^JANE")]
    [InlineData("garbage NK1|x DOE PID|1||SECRET-1")]
    [InlineData("MSH|^~\\&|A\rPID|1||SECRET-1||\\XE9\\DOE\r")]
    public void BrokenOrOddMessagesLoseTheirPersonSegmentsToo(string text)
    {
        var redacted = Hl7RawRedactor.Redact(text, Hash);

        redacted.ShouldNotContain("SECRET-1");
        redacted.ShouldNotContain("DOE");
    }
}
