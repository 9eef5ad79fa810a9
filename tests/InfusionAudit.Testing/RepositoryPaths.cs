namespace InfusionAudit.Testing;

/// <summary>Where the repository and the other projects' build outputs are, for tests that start real processes.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>Release or Debug, whichever this test assembly was built as (the projects build together).</summary>
    public static string Configuration { get; } = Output.Parent!.Name;

    public static string ProjectOutput(string project) => Path.Combine(Root, "src", project, "bin", Configuration, Output.Name);

    // bin/<configuration>/<target framework>/ of this test assembly.
    private static DirectoryInfo Output => new(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Functions.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Functions.sln above {AppContext.BaseDirectory}.");
    }
}
