namespace InfusionAudit.Domain.Protocols;

/// <summary>
/// The protocol library could not be loaded. <see cref="Exception.Message"/> names each file, field and problem, one per line.
/// </summary>
public sealed class ProtocolLibraryException : Exception
{
    /// <summary>Creates the exception from the problems found, each already prefixed with its file.</summary>
    public ProtocolLibraryException(IReadOnlyList<string> problems)
        : base(string.Join(Environment.NewLine, problems)) => Problems = problems;

    /// <summary>Creates the exception for one problem.</summary>
    public ProtocolLibraryException(string message)
        : this([message])
    {
    }

    /// <summary>Creates the exception for one problem caused by <paramref name="innerException"/>.</summary>
    public ProtocolLibraryException(string message, Exception innerException)
        : base(message, innerException) => Problems = [message];

    /// <summary>Creates an exception with no problem listed.</summary>
    public ProtocolLibraryException()
        : this("The protocol library could not be loaded.")
    {
    }

    /// <summary>Each problem, e.g. <c>protocols/x.v1.json: doseMgPerKg.soft.max (3.0) is above hard.max (2.0)</c>.</summary>
    public IReadOnlyList<string> Problems { get; }
}
