using InfusionAudit.Hl7.Er7;

namespace InfusionAudit.Hl7.Tests.Er7;

/// <summary>Real-shaped messages (Corpus/valid) are read and written back; broken ones (Corpus/broken) are refused with their place named.</summary>
public sealed class Er7CorpusTests
{
    public static TheoryData<string> ValidFiles() => [.. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Corpus", "valid")).Select(f => Path.GetFileName(f))];

    [Theory]
    [MemberData(nameof(ValidFiles))]
    public void AValidMessageParsesAndWritesBackWithCrTerminators(string file)
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Corpus", "valid", file));

        var result = Er7Parser.Parse(text);

        result.Problem.ShouldBeNull();
        result.Message!.Header.Value(9, 1).ShouldBe("ORU");
        Er7Writer.Write(result.Message).ShouldBe(text.Replace("\n", "\r", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("no-msh.hl7", "MSH", null, Hl7Problem.SegmentSequenceError)]
    [InlineData("bad-delimiters.hl7", "MSH", 2, Hl7Problem.DataTypeError)]
    [InlineData("letter-delimiter.hl7", "MSH", 2, Hl7Problem.DataTypeError)]
    [InlineData("wrong-encoding-chars.hl7", "MSH", 2, Hl7Problem.DataTypeError)]
    [InlineData("truncated.hl7", "MSH", null, Hl7Problem.SegmentSequenceError)]
    [InlineData("hex-escape.hl7", "OBX", 5, Hl7Problem.DataTypeError)]
    [InlineData("lone-escape.hl7", "OBX", 5, Hl7Problem.DataTypeError)]
    [InlineData("bad-segment-id.hl7", null, null, Hl7Problem.SegmentSequenceError)]
    [InlineData("empty-line.hl7", null, null, Hl7Problem.SegmentSequenceError)]
    [InlineData("two-messages.hl7", "MSH", null, Hl7Problem.SegmentSequenceError)]
    public void ABrokenMessageIsRefusedWithItsPlaceNamed(string file, string? segment, int? field, int code)
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Corpus", "broken", file));

        var result = Er7Parser.Parse(text);

        result.Message.ShouldBeNull();
        result.Problem.ShouldNotBeNull();
        result.Problem.Kind.ShouldBe(Hl7ProblemKind.Reject);
        result.Problem.Segment.ShouldBe(segment);
        result.Problem.Field.ShouldBe(field);
        result.Problem.Code.ShouldBe(code);
    }

    [Fact]
    public void AnOverlongMessageIsRefusedUnread()
    {
        var text = "MSH|^~\\&|A|B\rNTE|1||" + new string('x', Er7Parser.MaxMessageChars) + "\r";

        var result = Er7Parser.Parse(text);

        result.Problem!.Text.ShouldContain("longer than");
        result.Problem.Location.ShouldBe("$");
    }

    [Fact]
    public void EscapesDecodeToTheDelimitersTheMessageDeclares()
    {
        var result = Er7Parser.Parse("MSH|^~\\&|A\rNTE|1||a\\F\\b\\S\\c\\T\\d\\R\\e\\E\\f^x&y~z\r");

        var field = result.Message!.Segments[1].Field(3);
        field.Value(1, 1, 1).ShouldBe("a|b^c&d~e\\f");
        field.Value(2, 1, 1).ShouldBe("x");
        field.Value(2, 2, 1).ShouldBe("y");
        field.Value(1, 1, 2).ShouldBe("z");
    }

    [Fact]
    public void OtherDelimitersAreReadFromMsh()
    {
        var result = Er7Parser.Parse("MSH#*@!%#A*B\rPID#1##x*y@z%w\r");

        result.Problem.ShouldBeNull();
        result.Message!.Delimiters.ShouldBe(new Er7Delimiters('#', '*', '@', '!', '%'));
        result.Message.Header.Value(3, 2).ShouldBe("B");
        var pid3 = result.Message.Segments[1].Field(3);
        pid3.Value(1).ShouldBe("x");
        pid3.Value(2, 1).ShouldBe("y");
        pid3.Value(1, 1, 2).ShouldBe("z");
        pid3.Value(1, 2, 2).ShouldBe("w");
        pid3.Value(3).ShouldBe(string.Empty);
        pid3.Repetitions[1][0].ShouldBe(["z", "w"]);
    }
}
