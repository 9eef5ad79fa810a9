using InfusionAudit.Simulator.Transport;

namespace InfusionAudit.Simulator.Cli;

/// <summary>Where the backend is, after options and environment variables are resolved.</summary>
/// <param name="Url">Host root for HTTP and the counters.</param>
/// <param name="Key">Function key, or null.</param>
/// <param name="StorageConnectionString">Storage account of the queue.</param>
/// <param name="QueueName">Queue name.</param>
/// <param name="ReadKey">
/// The key for reads (<c>rejudge</c>, the diagnostics counters): an auditor's, which a producer key is not; null: none.
/// </param>
public sealed record ConnectionSettings(Uri Url, string? Key, string StorageConnectionString, string QueueName, string? ReadKey = null)
{
    /// <summary>Environment variable for the producer's function key.</summary>
    public const string KeyVariable = "INFUSIONAUDIT_PRODUCER_KEY";

    /// <summary>Environment variable for the auditor key used for reads.</summary>
    public const string ReadKeyVariable = "INFUSIONAUDIT_AUDITOR_KEY";

    /// <summary>Environment variable for the storage connection string (the Functions host's own).</summary>
    public const string StorageVariable = "AzureWebJobsStorage";

    /// <summary>Default host root (Functions Core Tools and the local host).</summary>
    public const string DefaultUrl = "http://127.0.0.1:7071";

    /// <summary>Default storage: Azurite on its default ports.</summary>
    public const string DefaultStorage = "UseDevelopmentStorage=true";

    /// <summary>The MLLP port of the local host's listener when none is given (the port IANA registered for HL7 over MLLP).</summary>
    public const int DefaultMllpPort = 2575;

    /// <summary>A sender for <paramref name="transport"/>; MLLP goes to <paramref name="mllpPort"/> on the host of <see cref="Url"/>.</summary>
    public IMessageSender CreateSender(TransportKind transport, int mllpPort = DefaultMllpPort) => transport switch
    {
        TransportKind.Queue => new QueueSender(StorageConnectionString, QueueName),
        TransportKind.Http => new HttpSender(Url, Key),
        TransportKind.Mllp => new MllpSender(Url.Host, mllpPort, new HttpSender(Url, Key)),
        _ => throw new ArgumentOutOfRangeException(nameof(transport), transport, "Unknown transport."),
    };
}
