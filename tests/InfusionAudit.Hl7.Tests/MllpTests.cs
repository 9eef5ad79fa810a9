namespace InfusionAudit.Hl7.Tests;

public sealed class MllpTests
{
    [Fact]
    public void FramesAreSplitBackIntoTheirMessages()
    {
        var body = Mllp.Frame("MSH|a\r") + Mllp.Frame("MSH|b\r") + "\n";

        Mllp.IsFramed(body).ShouldBeTrue();
        Mllp.TryUnframe(body, out var messages, out var problem).ShouldBeTrue(problem);
        messages.ShouldBe(["MSH|a\r", "MSH|b\r"]);
    }

    [Theory]
    [InlineData("\u000bMSH|a\r", "truncated")]
    [InlineData("\u000bMSH|a\r\u001c\rjunk", "outside")]
    [InlineData("\u000bMSH|\u000ba\r\u001c\r", "inside")]
    public void ABrokenStreamIsRefused(string body, string why)
    {
        Mllp.TryUnframe(body, out _, out var problem).ShouldBeFalse();
        problem!.ShouldContain(why);
    }
}
