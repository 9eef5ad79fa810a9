namespace InfusionAudit.Infra.Tests.Bicep;

/// <summary>The files under infra/ that CI must build and lint: every one, found on disk, so a new file is covered by itself.</summary>
public static class InfraFiles
{
    public static TheoryData<string> BicepFiles => Find("*.bicep");

    public static TheoryData<string> ParameterFiles => Find("*.bicepparam");

    /// <summary>Environment names: one per parameters file (dev.bicepparam → dev).</summary>
    public static TheoryData<string> Environments =>
        [.. Directory.GetFiles(BicepCli.InfraDirectory, "*.bicepparam").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal).Cast<string>()];

    private static TheoryData<string> Find(string pattern)
    {
        var files = Directory.GetFiles(BicepCli.InfraDirectory, pattern, SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(BicepCli.InfraDirectory, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (files.Count == 0)
        {
            throw new InvalidOperationException($"No {pattern} under {BicepCli.InfraDirectory}.");
        }

        return [.. files];
    }
}
