using InfusionAudit.Application.Ports.Alerts;

namespace InfusionAudit.Application.Alerts;

/// <summary>A notification as a transport sends it: the stored body text and the same content read back, for headers.</summary>
/// <param name="Stored">The outbox row.</param>
/// <param name="Body">The JSON body, byte for byte what was stored.</param>
/// <param name="Message">The body as an object.</param>
public sealed record OutboundAlert(StoredNotification Stored, string Body, AlertMessage Message)
{
    public static OutboundAlert From(StoredNotification stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return new OutboundAlert(stored, stored.PayloadJson, AlertMessageBuilder.Read(stored.PayloadJson));
    }
}
