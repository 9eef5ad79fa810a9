using InfusionAudit.Simulator.Batching;
using InfusionAudit.Simulator.Contract;

namespace InfusionAudit.Simulator.Hl7;

/// <summary>Packs events in forwarding order for the chosen device format: all JSON, or the devices' events as HL7.</summary>
public static class DeviceMessages
{
    public static List<OutgoingMessage> Pack(Batcher batcher, IReadOnlyList<WireEvent> forwardingOrder, DeviceFormat format)
    {
        ArgumentNullException.ThrowIfNull(batcher);
        ArgumentNullException.ThrowIfNull(forwardingOrder);
        if (format == DeviceFormat.Json)
        {
            return [.. batcher.Pack(forwardingOrder)];
        }

        var facts = Hl7DeviceWriter.Facts(forwardingOrder);
        var none = new SessionDeviceFacts(null, []);
        return [.. batcher.Pack(forwardingOrder, e => Hl7DeviceWriter.TryWrite(e, facts.GetValueOrDefault(e.SessionId, none)))];
    }
}
