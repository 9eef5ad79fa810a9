using InfusionAudit.Application.Audit;
using InfusionAudit.Application.Configuration;
using InfusionAudit.Http.Audit;
using InfusionAudit.Application.Ports.Audit;
using InfusionAudit.Infrastructure.Storage.Audit;
using InfusionAudit.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace InfusionAudit.Http.Tests.Audit;

public sealed class CsvAndTokenTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\r\nlines", "\"two\r\nlines\"")]
    [InlineData("=1+2", "'=1+2")]
    [InlineData("+1", "'+1")]
    [InlineData("-2", "'-2")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tx", "'\tx")]
    [InlineData("=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"")]
    public void TextCellsAreQuotedPerRfc4180AndFormulasNeutralised(string value, string expected) =>
        CsvFormatter.Cell(value).ShouldBe(expected);

    [Fact]
    public void NumbersAndTimesAreWrittenInvariantlyAndStayNumbers()
    {
        CsvFormatter.Cell(-0.5).ShouldBe("-0.5");
        CsvFormatter.Cell(1234.5).ShouldBe("1234.5");
        CsvFormatter.Cell(new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.FromHours(2))).ShouldBe("2025-01-02T03:04:05.000+02:00", "the offset is kept, as in JSON");
        CsvFormatter.Cell(63.449999999999996).ShouldBe("63.45", "no float noise");
        CsvFormatter.Cell(null).ShouldBe("");
        CsvFormatter.Format(["a", "b"], [["x", 1]]).ShouldBe("a,b\r\nx,1\r\n");
    }

    [Fact]
    public void ATokenRoundTripsForItsQueryAndIsRefusedForAnotherOrWhenEdited()
    {
        var codec = new PageTokenCodec(Options.Create(new InfusionAuditOptions { PatientHashKey = TestKeys.PatientHash }));
        var cursor = new StorageCursor(2, "1!8!cGs-1!8!cms-");
        var mine = Fingerprint("/api/clinics/a/sessions", "?from=2025-01-01&to=2025-01-31&pageSize=10");
        var sameWithOtherPaging = Fingerprint("/api/clinics/a/sessions", "?to=2025-01-31&pageSize=500&from=2025-01-01&format=csv");
        var other = Fingerprint("/api/clinics/b/sessions", "?from=2025-01-01&to=2025-01-31");

        var token = codec.Encode(cursor, mine)!;

        Decode(codec, token, sameWithOtherPaging).ShouldBe(cursor);
        Decode(codec, token, other).ShouldBeNull();
        Decode(codec, token[..^2] + (token[^2] == 'A' ? "BA" : "AA"), mine).ShouldBeNull();
        Decode(codec, "garbage", mine).ShouldBeNull();
        codec.Encode(null, mine).ShouldBeNull();
    }

    private static StorageCursor? Decode(PageTokenCodec codec, string token, string fingerprint)
    {
        var parameters = new AuditParameters(new DefaultHttpContext().Request);
        var cursor = codec.Decode(token, fingerprint, parameters);
        (cursor is null).ShouldBe(parameters.Problem is not null);
        return cursor;
    }

    private static string Fingerprint(string path, string query)
    {
        var context = new DefaultHttpContext();
        context.Request.Path = path;
        context.Request.QueryString = new QueryString(query);
        return PageTokenCodec.Fingerprint(context.Request);
    }
}
