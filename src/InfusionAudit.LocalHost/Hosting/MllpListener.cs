using System.Net;
using System.Net.Sockets;
using System.Text;
using InfusionAudit.Application.Ingestion;
using InfusionAudit.Application.Ingestion.Hl7;
using InfusionAudit.Hl7;
using InfusionAudit.Hl7.Er7;
using InfusionAudit.Hl7.Mapping;
using Microsoft.Extensions.Options;

namespace InfusionAudit.LocalHost.Hosting;

/// <summary>
/// The local host's MLLP listener (off unless <c>InfusionAudit:Hl7:MllpPort</c> is set): a gateway or an HL7 tool
/// connects as to an interface engine, sends <c>&lt;VT&gt;message&lt;FS&gt;&lt;CR&gt;</c> frames and gets one framed
/// ACK per message, in order, on the same connection. The messages take the path of <c>POST /api/hl7v2</c>. In Azure
/// there is no listener: the HTTP route is the entry point (docs/hl7v2.md).
/// </summary>
internal sealed partial class MllpListener(
    Hl7IngestHandler handler,
    IOptions<Hl7MappingOptions> options,
    TimeProvider clock,
    ILogger<MllpListener> logger) : BackgroundService
{
    /// <summary>A frame longer than this (bytes) is answered AR and the connection closed: the parser would refuse it anyway.</summary>
    private const int MaxFrameBytes = (4 * Er7Parser.MaxMessageChars) + 4;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.MllpPort is not ({ } port and > 0))
        {
            return;
        }

        var listener = new TcpListener(IPAddress.Parse(options.Value.MllpAddress), port);
        listener.Start();
        LogListening(logger, options.Value.MllpAddress, port);
        var connections = new List<Task>();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var client = await listener.AcceptTcpClientAsync(stoppingToken);
                connections.RemoveAll(c => c.IsCompleted);
                connections.Add(ServeAsync(client, stoppingToken));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            listener.Stop();
            await Task.WhenAll(connections);
        }
    }

    private async Task ServeAsync(TcpClient client, CancellationToken stoppingToken)
    {
        using var connection = client;
        var remote = client.Client.RemoteEndPoint?.ToString() ?? "?";
        try
        {
            var stream = client.GetStream();
            var buffer = new byte[16 * 1024];
            using var frame = new MemoryStream();
            var inFrame = false;
            int read;
            while ((read = await stream.ReadAsync(buffer, stoppingToken)) > 0)
            {
                for (var i = 0; i < read; i++)
                {
                    var b = buffer[i];
                    if (!inFrame)
                    {
                        // Bytes between frames (a CR after FS, keep-alive noise) are not messages.
                        inFrame = b == (byte)Mllp.StartBlock;
                        frame.SetLength(0);
                    }
                    else if (b == (byte)Mllp.EndBlock)
                    {
                        inFrame = false;
                        var ack = await AnswerAsync(frame.GetBuffer().AsMemory(0, (int)frame.Length), stoppingToken);
                        await stream.WriteAsync(Encoding.UTF8.GetBytes(Mllp.Frame(ack)), stoppingToken);
                    }
                    else if (frame.Length >= MaxFrameBytes)
                    {
                        // Filed like any refusal (its head, PID withheld), so the sender's lost message shows in the rejected list.
                        var ack = await handler.RefuseOversizedAsync(
                            Encoding.UTF8.GetString(frame.GetBuffer(), 0, (int)frame.Length),
                            $"An MLLP frame longer than {MaxFrameBytes} bytes was not processed; the connection is closed.",
                            NewContext(),
                            stoppingToken);
                        await stream.WriteAsync(Encoding.UTF8.GetBytes(Mllp.Frame(ack)), stoppingToken);
                        return;
                    }
                    else
                    {
                        frame.WriteByte(b);
                    }
                }
            }
        }
        catch (Exception failure) when (failure is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            LogConnectionEnded(logger, remote, failure);
        }
#pragma warning disable CA1031 // A failed message (storage down) closes its connection, unacknowledged, so the sender resends; the listener goes on.
        catch (Exception failure)
#pragma warning restore CA1031
        {
            LogConnectionFailed(logger, failure, remote);
        }
    }

    private async Task<string> AnswerAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        var context = NewContext();
        try
        {
            var message = StrictUtf8.GetString(bytes.Span);
            return (await handler.HandleMessageAsync(message, context, cancellationToken)).Ack;
        }
        catch (DecoderFallbackException)
        {
            return await handler.RefuseUnreadableAsync(
                Encoding.UTF8.GetString(bytes.Span),
                Hl7Problem.Reject("MSH", 1, 18, Hl7Problem.TableValueNotFound, "The message is not UTF-8: send it in UTF-8 (MSH-18 empty, ASCII or UNICODE UTF-8)."),
                context,
                cancellationToken);
        }
    }

    private IngestContext NewContext() => new("hl7-mllp", $"mllp-{Guid.NewGuid():N}", clock.GetUtcNow());

    [LoggerMessage(Level = LogLevel.Information, Message = "MLLP listener on {Address}:{Port}")]
    private static partial void LogListening(ILogger logger, string address, int port);

    [LoggerMessage(Level = LogLevel.Debug, Message = "MLLP connection from {Remote} ended")]
    private static partial void LogConnectionEnded(ILogger logger, string remote, Exception reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "MLLP connection from {Remote} failed; closed without an ACK so the sender resends")]
    private static partial void LogConnectionFailed(ILogger logger, Exception failure, string remote);
}
