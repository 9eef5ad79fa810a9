using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace InfusionAudit.Testing;

/// <summary>What a <see cref="FaultProxy"/> does with connections.</summary>
public enum ProxyFault
{
    /// <summary>Forwards every byte both ways.</summary>
    None,

    /// <summary>Cuts every open connection and resets each new one at once: the peer is "down".</summary>
    Refuse,

    /// <summary>Accepts connections and holds their bytes without forwarding until the fault is lifted: a stalled network.</summary>
    Stall,
}

/// <summary>
/// A loopback TCP forwarder in front of one storage port that a test switches between forwarding, refusing and
/// stalling, so storage can fail under a host without stopping Azurite (whose own data stays intact).
/// </summary>
public sealed class FaultProxy : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly int targetPort;
    private readonly CancellationTokenSource stopping = new();
    private readonly ConcurrentDictionary<TcpClient, byte> open = new();
    private readonly Task accepting;
    private volatile ProxyFault fault;
    private TaskCompletionSource lifted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int responsesBeforeRefusing = -1;

    public FaultProxy(int targetPort)
    {
        this.targetPort = targetPort;
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        lifted.SetResult();
        accepting = AcceptAsync();
    }

    public int Port { get; }

    public ProxyFault Fault => fault;

    /// <summary>Proxies for the three Azurite ports and a connection string that goes through them.</summary>
    public static (FaultProxy Blob, FaultProxy Queue, FaultProxy Table, string ConnectionString) InFrontOf(OnDiskAzurite azurite)
    {
        var blob = new FaultProxy(azurite.BlobPort);
        var queue = new FaultProxy(azurite.QueuePort);
        var table = new FaultProxy(azurite.TablePort);
        return (blob, queue, table, OnDiskAzurite.ConnectionStringFor(blob.Port, queue.Port, table.Port));
    }

    public void Inject(ProxyFault newFault)
    {
        if (newFault == ProxyFault.None)
        {
            fault = ProxyFault.None;
            lifted.TrySetResult();
            return;
        }

        if (fault == ProxyFault.None)
        {
            lifted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        fault = newFault;
        if (newFault == ProxyFault.Refuse)
        {
            foreach (var client in open.Keys)
            {
                Cut(client);
            }
        }
    }

    /// <summary>Forwards <paramref name="responses"/> reads from the target, then refuses everything (a peer that dies after answering).</summary>
    public void RefuseAfterResponses(int responses) => Volatile.Write(ref responsesBeforeRefusing, responses);

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        foreach (var client in open.Keys)
        {
            Cut(client);
        }

        try
        {
            await accepting;
        }
        catch (OperationCanceledException)
        {
        }

        stopping.Dispose();
    }

    private static void Cut(TcpClient client)
    {
        try
        {
            // A connection that its pump loop already closed has no socket left (TcpClient.Client is null then).
            if (client.Client is { } socket)
            {
                socket.LingerState = new LingerOption(true, 0);
            }

            client.Close();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stopping.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            if (fault == ProxyFault.Refuse)
            {
                Cut(client);
                continue;
            }

            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        open[client] = 0;
        using var upstream = new TcpClient();
        try
        {
            await upstream.ConnectAsync(IPAddress.Loopback, targetPort, stopping.Token);
            var down = PumpAsync(client.GetStream(), upstream.GetStream(), countResponses: false);
            var up = PumpAsync(upstream.GetStream(), client.GetStream(), countResponses: true);
            await Task.WhenAny(down, up);
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The target is down or the connection was cut: the client sees a reset, as it would from a dead peer.
        }
        finally
        {
            open.TryRemove(client, out _);
            Cut(client);
        }
    }

    private async Task PumpAsync(NetworkStream from, NetworkStream to, bool countResponses)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReadAsync(buffer, stopping.Token);
                if (read == 0)
                {
                    return;
                }

                while (fault == ProxyFault.Stall)
                {
                    await lifted.Task.WaitAsync(stopping.Token);
                }

                if (fault == ProxyFault.Refuse)
                {
                    return;
                }

                await to.WriteAsync(buffer.AsMemory(0, read), stopping.Token);
                if (countResponses && Volatile.Read(ref responsesBeforeRefusing) > 0 && Interlocked.Decrement(ref responsesBeforeRefusing) == 0)
                {
                    Inject(ProxyFault.Refuse);
                }
            }
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }
}
