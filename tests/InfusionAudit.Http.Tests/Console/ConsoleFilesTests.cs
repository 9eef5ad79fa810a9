using InfusionAudit.Http.WebConsole;

namespace InfusionAudit.Http.Tests.Console;

/// <summary>
/// Which names <see cref="ConsoleFiles"/> resolves, given the path value as a host may hand it over already decoded
/// (the Functions host binds the route value itself): only plain names inside the folder, each with its content type.
/// </summary>
public sealed class ConsoleFilesTests : IDisposable
{
    private readonly string parent = Directory.CreateTempSubdirectory("console-files-").FullName;
    private readonly ConsoleFiles files;

    public ConsoleFilesTests()
    {
        var root = Directory.CreateDirectory(Path.Combine(parent, "console")).FullName;
        Directory.CreateDirectory(Path.Combine(root, "js"));
        Directory.CreateDirectory(Path.Combine(root, "img"));
        File.WriteAllText(Path.Combine(root, "index.html"), "<!doctype html>");
        File.WriteAllText(Path.Combine(root, "js", "main.js"), "export {};");
        File.WriteAllText(Path.Combine(root, "console.css"), "body{}");
        File.WriteAllText(Path.Combine(root, "img", "logo.svg"), "<svg/>");
        File.WriteAllBytes(Path.Combine(root, "img", "logo.png"), [0x89, 0x50, 0x4E, 0x47]);
        File.WriteAllText(Path.Combine(root, ".secret.js"), "hidden");
        File.WriteAllText(Path.Combine(root, "notes.txt"), "not a console type");
        File.WriteAllText(Path.Combine(parent, "secret.json"), "{\"secret\":1}");
        files = new ConsoleFiles(root);
    }

    [Theory]
    [InlineData("", "index.html", "text/html; charset=utf-8")]
    [InlineData("index.html", "index.html", "text/html; charset=utf-8")]
    [InlineData("js/main.js", "js/main.js", "text/javascript; charset=utf-8")]
    [InlineData("console.css", "console.css", "text/css; charset=utf-8")]
    [InlineData("img/logo.svg", "img/logo.svg", "image/svg+xml")]
    [InlineData("img/logo.png", "img/logo.png", "image/png")]
    public void APlainNameInsideTheFolderIsFoundWithItsContentType(string path, string expected, string contentType)
    {
        var file = files.Find(path).ShouldNotBeNull(path);

        file.FullPath.ShouldBe(Path.Combine(files.Root, expected));
        file.ContentType.ShouldBe(contentType);
    }

    [Theory]
    [InlineData("../secret.json")]
    [InlineData("js/../../secret.json")]
    [InlineData("js/../index.html")]
    [InlineData("./index.html")]
    [InlineData("..\\secret.json")]
    [InlineData("%2e%2e/secret.json")]
    [InlineData("..%2Fsecret.json")]
    [InlineData("/etc/passwd")]
    [InlineData("//etc/passwd")]
    [InlineData("C:/Windows/win.ini")]
    [InlineData(".secret.js")]
    [InlineData("js//main.js")]
    [InlineData("js/main.js/")]
    [InlineData("notes.txt")]
    [InlineData("js/missing.js")]
    [InlineData("js")]
    [InlineData("index.html\0.js")]
    public void AnyOtherNameIsNotFound(string path) => files.Find(path).ShouldBeNull(path);

    [Fact]
    public void AnAbsolutePathToTheFolderItselfIsNotFound() =>
        files.Find(Path.Combine(files.Root, "index.html")).ShouldBeNull();

    public void Dispose() => Directory.Delete(parent, recursive: true);
}
