using System.Net.Sockets;

namespace InfusionAudit.Testing;

/// <summary>
/// A private Azurite persisting to a temporary folder (<c>--location</c>), on its own loopback ports, that a fault test
/// can stop gracefully and start again on the same ports and data: a storage outage the data survives.
/// </summary>
public sealed class OnDiskAzurite : IAsyncDisposable
{
    private const string Account = "devstoreaccount1";
    private const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private readonly string location = Directory.CreateTempSubdirectory("azurite-disk-").FullName;
    private ChildProcess? process;

    public int BlobPort { get; } = LoopbackPorts.Free();

    public int QueuePort { get; } = LoopbackPorts.Free();

    public int TablePort { get; } = LoopbackPorts.Free();

    public bool Running => process is { HasExited: false };

    public string ConnectionString => ConnectionStringFor(BlobPort, QueuePort, TablePort);

    public static string ConnectionStringFor(int blobPort, int queuePort, int tablePort) =>
        $"DefaultEndpointsProtocol=http;AccountName={Account};AccountKey={Key};" +
        $"BlobEndpoint=http://127.0.0.1:{blobPort}/{Account};QueueEndpoint=http://127.0.0.1:{queuePort}/{Account};TableEndpoint=http://127.0.0.1:{tablePort}/{Account};";

    public static async Task<OnDiskAzurite> StartAsync()
    {
        var azurite = new OnDiskAzurite();
        await azurite.StartAgainAsync();
        return azurite;
    }

    /// <summary>Starts Azurite on the same ports and folder (after <see cref="StopAsync"/>).</summary>
    public async Task StartAgainAsync()
    {
        var bin = Path.Combine(RepositoryPaths.Root, "node_modules", ".bin", "azurite");
        if (!File.Exists(bin))
        {
            throw new InvalidOperationException($"{bin} not found: run 'npm ci' at the repository root (scripts/test.sh does).");
        }

        process = ChildProcess.Start(bin,
        [
            "--blobHost", "127.0.0.1", "--blobPort", Port(BlobPort),
            "--queueHost", "127.0.0.1", "--queuePort", Port(QueuePort),
            "--tableHost", "127.0.0.1", "--tablePort", Port(TablePort),
            "--location", location, "--silent", "--skipApiVersionCheck", "--loose", "--disableTelemetry",
        ], workingDirectory: location);

        var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
        while (!(await Accepts(TablePort) && await Accepts(QueuePort) && await Accepts(BlobPort)))
        {
            if (process.HasExited || DateTimeOffset.UtcNow > deadline)
            {
                throw new InvalidOperationException($"Azurite did not start on {TablePort}/{QueuePort}/{BlobPort}:\n{process.Tail()}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>SIGTERM: Azurite closes its listeners and flushes its data, as a graceful outage.</summary>
    public async Task StopAsync()
    {
        if (process is not null)
        {
            await process.StopGracefullyAsync(TimeSpan.FromSeconds(20));
            process.Dispose();
            process = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(location, recursive: true);
        }
        catch (IOException)
        {
            // A file Azurite still held: the temp folder is cleaned by the system.
        }
    }

    private static string Port(int port) => port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<bool> Accepts(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
