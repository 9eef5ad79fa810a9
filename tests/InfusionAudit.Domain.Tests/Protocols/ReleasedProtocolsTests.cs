using InfusionAudit.Domain.Protocols;
using InfusionAudit.Domain.Tests.Builders;
using Shouldly;
using Xunit;

namespace InfusionAudit.Domain.Tests.Protocols;

/// <summary>
/// Findings name the protocol version they were judged against; a released version's file must therefore never change,
/// or an auditor's replay would judge against thresholds the session never saw. protocols/released.sha256 pins them.
/// </summary>
public sealed class ReleasedProtocolsTests : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("protocols-");

    public void Dispose() => folder.Delete(recursive: true);

    [Fact]
    public void EveryProtocolFileOfTheRepositoryIsReleasedWithTheBytesItHasNow()
    {
        var repository = TestProtocols.Folder;
        var problems = new List<string>();
        var released = ReleasedProtocols.Parse(File.ReadAllText(Path.Combine(repository, ReleasedProtocols.FileName)), ReleasedProtocols.FileName, problems);

        var files = Directory.GetFiles(repository, "*.json").Where(f => !f.EndsWith(".schema.json", StringComparison.Ordinal)).Select(Path.GetFileName).Order(StringComparer.Ordinal);
        released.Files.ShouldBe(files!);
        released.Check([.. released.Files.Select(f => (f, ReleasedProtocols.Digest(File.ReadAllBytes(Path.Combine(repository, f)))))], "protocols", problems);
        problems.ShouldBeEmpty();
    }

    [Fact]
    public void AReleasedFileChangedByOneCharacterStopsTheLoadAndSaysToAddAVersion()
    {
        var name = CopyReleased();
        var path = Path.Combine(folder.FullName, name);
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"hardMax\"", " \"hardMax\"", StringComparison.Ordinal));

        var problem = Should.Throw<ProtocolLibraryException>(() => ProtocolLibrary.LoadFromDirectory(folder.FullName)).Problems.ShouldHaveSingleItem();

        problem.ShouldStartWith($"{folder.Name}/{name}: changed since it was released (SHA-256 ");
        problem.ShouldContain("add a file with a higher version");
    }

    [Fact]
    public void AReleasedFileThatIsMissingStopsTheLoad()
    {
        var name = CopyReleased();
        File.Delete(Path.Combine(folder.FullName, name));

        var problems = Should.Throw<ProtocolLibraryException>(() => ProtocolLibrary.LoadFromDirectory(folder.FullName)).Problems;

        problems.ShouldHaveSingleItem().ShouldStartWith($"{folder.Name}/{name}: released ({ReleasedProtocols.FileName}) but missing");
    }

    [Fact]
    public void AFileNotListedLoadsAsADraftBesideTheReleasedOnes()
    {
        CopyReleased();
        var draft = File.ReadAllText(Path.Combine(TestProtocols.Folder, $"{TestProtocols.ScId}.v1.json"))
            .Replace("\"version\": 1", "\"version\": 2", StringComparison.Ordinal);
        draft.ShouldContain("\"version\": 2");
        File.WriteAllText(Path.Combine(folder.FullName, $"{TestProtocols.ScId}.v2.json"), draft);

        var library = ProtocolLibrary.LoadFromDirectory(folder.FullName);

        library.Versions(TestProtocols.ScId).Select(v => v.Version).ShouldBe([1, 2]);
    }

    [Theory]
    [InlineData("a74168abd4176f0f8b929606246c03e1d754cf489bb08852b1e218ea2540bf4e ketamine-iv-depression.v1.json")]
    [InlineData("a74168abd4176f0f8b929606246c03e1d754cf489bb08852b1e218ea2540bf4  ketamine-iv-depression.v1.json")]
    [InlineData("z74168abd4176f0f8b929606246c03e1d754cf489bb08852b1e218ea2540bf4e  ketamine-iv-depression.v1.json")]
    [InlineData("a74168abd4176f0f8b929606246c03e1d754cf489bb08852b1e218ea2540bf4e  ../ketamine-iv-depression.v1.json")]
    public void AMalformedLineIsAProblemWithItsLineNumber(string line)
    {
        var problems = new List<string>();

        ReleasedProtocols.Parse("# released\n\n" + line + "\n", "protocols/released.sha256", problems);

        problems.ShouldHaveSingleItem().ShouldStartWith("protocols/released.sha256 line 3: expected");
    }

    [Fact]
    public void TheListReadsAsSha256sumWritesItWithWindowsLineEndingsOrTheBinaryMark()
    {
        var problems = new List<string>();
        var digest = new string('a', 64);

        var released = ReleasedProtocols.Parse($"{digest}  a.v1.json\r\n{digest} *b.v1.json\r\n", "released.sha256", problems);

        problems.ShouldBeEmpty();
        released.Files.ShouldBe(["a.v1.json", "b.v1.json"]);
    }

    // Copies the repository's protocol files and its list of released ones; returns one released file's name.
    private string CopyReleased()
    {
        foreach (var file in Directory.GetFiles(TestProtocols.Folder))
        {
            File.Copy(file, Path.Combine(folder.FullName, Path.GetFileName(file)));
        }

        return $"{TestProtocols.IvId}.v1.json";
    }
}
