using InfusionAudit.Hl7.Er7;
using InfusionAudit.Hl7.Mapping;
using InfusionAudit.Hl7.Tests.Mapping;

namespace InfusionAudit.Hl7.Tests;

public sealed class AcknowledgementTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 15, 6, 0, TimeSpan.Zero);

    private static Hl7MessageHeader Header(string text) => Hl7MessageHeader.From(Er7Parser.Parse(text).Message!);

    [Fact]
    public void AnAcceptedMessageGetsAaWithItsControlIdEchoed()
    {
        var ack = Er7Parser.Parse(Hl7Acknowledgement.Write(Header(Hl7EventMapperTests.Corpus("pcd01-vitals.hl7").Replace("|AL|NE|", "|||", StringComparison.Ordinal)), Hl7AckCode.Accept, null, Now, "ACK1", enhanced: false)).Message!;

        ack.Header.Value(9, 1).ShouldBe("ACK");
        ack.Header.Value(9, 2).ShouldBe("R01");
        ack.Header.Value(3).ShouldBe(string.Empty);
        ack.Header.Value(5).ShouldBe("GW-ICU");
        ack.Header.Value(6).ShouldBe("abq-01");
        ack.Header.Value(7).ShouldBe("20261126150600+0000");
        ack.Segments[1].Id.ShouldBe("MSA");
        ack.Segments[1].Value(1).ShouldBe("AA");
        ack.Segments[1].Value(2).ShouldBe("MON7-0001");
        ack.Segments.Count.ShouldBe(2);
    }

    [Theory]
    [InlineData(Hl7AckCode.Accept, false, "AA")]
    [InlineData(Hl7AckCode.Error, false, "AE")]
    [InlineData(Hl7AckCode.Reject, false, "AR")]
    [InlineData(Hl7AckCode.Accept, true, "CA")]
    [InlineData(Hl7AckCode.Error, true, "CE")]
    [InlineData(Hl7AckCode.Reject, true, "CR")]
    public void TheSettingChoosesEnhancedCodes(Hl7AckCode code, bool enhanced, string msa1)
    {
        var header = Header(Hl7EventMapperTests.Corpus("pcd01-vitals.hl7").Replace("|AL|NE|", "|||", StringComparison.Ordinal));

        Er7Parser.Parse(Hl7Acknowledgement.Write(header, code, null, Now, "A", enhanced)).Message!.Segments[1].Value(1).ShouldBe(msa1);
    }

    [Fact]
    public void Msh15Or16AskForEnhancedMode() =>
        Er7Parser.Parse(Hl7Acknowledgement.Write(Header(Hl7EventMapperTests.Corpus("pcd01-vitals.hl7")), Hl7AckCode.Accept, null, Now, "A", enhanced: false)).Message!.Segments[1].Value(1).ShouldBe("CA");

    [Fact]
    public void AProblemIsNamedInErrWithItsLocationAndCode()
    {
        var problem = Hl7Problem.Error("OBX", 7, 6, null, Hl7Problem.TableValueNotFound, "OBX-6 of MDC_ECG_HEART_RATE must name its unit | really.");

        var ack = Er7Parser.Parse(Hl7Acknowledgement.Write(null, Hl7AckCode.Error, problem, Now, "A", enhanced: false)).Message!;

        ack.Segments[1].Value(1).ShouldBe("AE");
        ack.Segments[1].Value(2).ShouldBe(string.Empty);
        var err = ack.Segments[2];
        err.Id.ShouldBe("ERR");
        err.Value(2, 1).ShouldBe("OBX");
        err.Value(2, 2).ShouldBe("7");
        err.Value(2, 3).ShouldBe("6");
        err.Value(3, 1).ShouldBe("103");
        err.Value(3, 3).ShouldBe("HL70357");
        err.Value(4).ShouldBe("E");
        err.Value(8).ShouldBe(problem.Text);
    }
}
