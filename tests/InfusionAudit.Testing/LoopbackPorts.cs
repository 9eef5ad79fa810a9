using System.Net;
using System.Net.Sockets;

namespace InfusionAudit.Testing;

/// <summary>Loopback ports for listeners the tests start (webhook receivers, the AMQP broker, extra hosts).</summary>
public static class LoopbackPorts
{
    /// <summary>A port the system just handed out and that nothing listens on now.</summary>
    public static int Free()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
