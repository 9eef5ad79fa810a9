namespace InfusionAudit.Simulator.Cli;

/// <summary>The command line as a user would retype it, with secrets masked (it ends up in docs/benchmarks.md).</summary>
public static class CommandLineText
{
    private static readonly string[] SecretOptions = ["--key", "--read-key", "--storage"];

    /// <summary>Formats <paramref name="args"/> after <paramref name="program"/>, quoting where a shell would need it.</summary>
    public static string Format(string program, IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var parts = new List<string> { program };
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            var secret = SecretOptions.FirstOrDefault(o => arg.StartsWith(o + "=", StringComparison.Ordinal));
            if (secret is not null)
            {
                parts.Add(secret + "=***");
            }
            else if (SecretOptions.Contains(arg) && i + 1 < args.Count)
            {
                parts.Add(arg);
                parts.Add("***");
                i++;
            }
            else
            {
                parts.Add(Quote(arg));
            }
        }

        return string.Join(" ", parts);
    }

    private static string Quote(string arg) =>
        arg.Length > 0 && arg.All(c => char.IsAsciiLetterOrDigit(c) || "-_./:=,@+%".Contains(c, StringComparison.Ordinal))
            ? arg
            : "'" + arg.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
