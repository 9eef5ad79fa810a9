using CsCheck;
using InfusionAudit.Hl7.Er7;

namespace InfusionAudit.Hl7.Tests.Er7;

/// <summary>The writer and the parser are exact inverses, whatever the delimiters and the text in the values.</summary>
public sealed class Er7Properties
{
    private const string DelimiterPool = "|^~\\&#!$%*+/:;<=>?@[]{}_`'\",.-";

    private static readonly Gen<Er7Delimiters> DelimitersGen =
        Gen.Shuffle(DelimiterPool.ToCharArray()).Select(Gen.Bool, (chars, truncation) =>
            new Er7Delimiters(chars[0], chars[1], chars[2], chars[3], chars[4], truncation ? chars[5] : null));

    // Letters, digits, space, accented and CJK text and every delimiter of the pool: values must survive escaping.
    private static readonly Gen<string> ValueGen =
        Gen.Char["abcXYZ0129 éü中" + DelimiterPool].Array[0, 6].Select(c => new string(c));

    private static readonly Gen<Er7Field> FieldGen =
        ValueGen.Array[1, 3].Select(s => (IReadOnlyList<string>)s).Array[1, 3].Select(c => (IReadOnlyList<IReadOnlyList<string>>)c).Array[1, 3]
            .Select(r => new Er7Field(r));

    private static readonly Gen<Er7Segment> SegmentGen =
        Gen.OneOfConst("PID", "PV1", "OBR", "OBX", "ZX9", "NTE").Select(FieldGen.Array[0, 6], (id, fields) => new Er7Segment(id, fields));

    private static readonly Gen<Er7Message> MessageGen =
        DelimitersGen.Select(FieldGen.Array[0, 12], SegmentGen.Array[0, 6], (d, headerFields, segments) =>
            new Er7Message(d, [new Er7Segment("MSH", [Er7Field.Of(d.Field.ToString()), Er7Field.Of(d.EncodingCharacters), .. headerFields]), .. segments]));

    [Fact]
    public void ParsingWhatTheWriterWroteGivesTheMessageBack() =>
        MessageGen.Sample(message =>
        {
            var parsed = Er7Parser.Parse(Er7Writer.Write(message));
            parsed.Problem.ShouldBeNull();
            parsed.Message.ShouldBe(message);
        }, iter: 2000);

    [Fact]
    public void WritingAParsedCanonicalMessageGivesTheTextBack() =>
        MessageGen.Sample(message =>
        {
            var text = Er7Writer.Write(message);
            Er7Writer.Write(Er7Parser.Parse(text).Message!).ShouldBe(text);
        }, iter: 2000);

    [Fact]
    public void LfAndCrLfTerminatorsReadAsCr() =>
        MessageGen.Sample(message =>
        {
            var text = Er7Writer.Write(message);
            Er7Parser.Parse(text.Replace("\r", "\n", StringComparison.Ordinal)).Message.ShouldBe(message);
            Er7Parser.Parse(text.Replace("\r", "\r\n", StringComparison.Ordinal)).Message.ShouldBe(message);
        }, iter: 500);

    [Fact]
    public void NoTextMakesTheParserThrow() =>
        Gen.Char["MSH|^~\\&\r\nPIDOBX0123X#"].Array[0, 60].Select(c => new string(c)).Sample(text =>
        {
            var result = Er7Parser.Parse(text);
            (result.Message is null).ShouldNotBe(result.Problem is null);
        }, iter: 5000);
}
