using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;
using InfusionAudit.Hl7;
using InfusionAudit.Simulator.Batching;
using InfusionAudit.Simulator.Hl7;

namespace InfusionAudit.Simulator.Transport;

/// <summary>
/// Sends HL7 messages over MLLP (TCP, <c>&lt;VT&gt;message&lt;FS&gt;&lt;CR&gt;</c>) to the local host's listener and reads one
/// ACK per message, as a device gateway does; the tablet's JSON events still go to <c>POST /api/events</c> through
/// <paramref name="json"/>. One connection per message in flight, kept open between messages.
/// </summary>
public sealed class MllpSender(string host, int port, IMessageSender json) : IMessageSender
{
    private const int MaxAttempts = 3;
    private static readonly TimeSpan AckTimeout = TimeSpan.FromSeconds(100);
    private readonly ConcurrentBag<TcpClient> _idle = [];

    /// <inheritdoc />
    public string Destination => $"mllp://{host}:{port} (HL7), {json.Destination} (JSON)";

    /// <inheritdoc />
    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        await json.PrepareAsync(cancellationToken);
        try
        {
            _idle.Add(await ConnectAsync(cancellationToken));
        }
        catch (SocketException ex)
        {
            throw new SendFailedException($"mllp://{host}:{port} refused the connection ({ex.SocketErrorCode}): is the host's MLLP listener on (InfusionAudit:Hl7:MllpPort)?", fatal: true, ex);
        }
    }

    /// <inheritdoc />
    public async Task<SendOutcome> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Hl7Messages is not { } messages)
        {
            return await json.SendAsync(message, cancellationToken);
        }

        var frames = Encoding.UTF8.GetBytes(string.Concat(messages.Select(Mllp.Frame)));
        for (var attempt = 1; ; attempt++)
        {
            var connection = _idle.TryTake(out var idle) ? idle : null;
            try
            {
                connection ??= await ConnectAsync(cancellationToken);
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(AckTimeout);
                var stream = connection.GetStream();
                await stream.WriteAsync(frames, timeout.Token);
                var acks = await ReadFramesAsync(stream, messages.Count, timeout.Token);
                _idle.Add(connection);
                return Hl7AckReader.Outcome(acks, messages.Count, $"mllp://{host}:{port}");
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                connection?.Dispose();
                if (attempt == MaxAttempts)
                {
                    throw new SendFailedException($"mllp://{host}:{port} failed {attempt} times: {ex.Message}", fatal: ex is SocketException, ex);
                }

                // The messages are idempotent (same control ids, same event ids): resending after a lost ACK is a duplicate.
                await Task.Delay(TimeSpan.FromMilliseconds(200 * (1 << attempt)), cancellationToken);
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        while (_idle.TryTake(out var connection))
        {
            connection.Dispose();
        }

        await json.DisposeAsync();
    }

    private async Task<TcpClient> ConnectAsync(CancellationToken cancellationToken)
    {
        var client = new TcpClient { NoDelay = true };
        try
        {
            await client.ConnectAsync(host, port, cancellationToken);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    // Frames end with <FS><CR>; bytes are scanned, not characters, so a frame split inside a UTF-8 sequence still decodes.
    private static async Task<List<string>> ReadFramesAsync(NetworkStream stream, int count, CancellationToken cancellationToken)
    {
        var frames = new List<string>(count);
        var pending = new List<byte>();
        var buffer = new byte[8192];
        while (frames.Count < count)
        {
            var read = await stream.ReadAsync(buffer, cancellationToken);
            if (read == 0)
            {
                throw new IOException($"the listener closed the connection after {frames.Count} of {count} ACKs.");
            }

            pending.AddRange(buffer.AsSpan(0, read));
            int end;
            while ((end = pending.IndexOf((byte)Mllp.EndBlock)) >= 0)
            {
                var start = pending.IndexOf((byte)Mllp.StartBlock);
                if (start < 0 || start > end)
                {
                    throw new IOException("the listener answered text outside an MLLP frame.");
                }

                frames.Add(Encoding.UTF8.GetString([.. pending.GetRange(start + 1, end - start - 1)]));
                var next = end + 1 < pending.Count && pending[end + 1] == (byte)Mllp.CarriageReturn ? end + 2 : end + 1;
                pending.RemoveRange(0, next);
            }
        }

        return frames;
    }
}
