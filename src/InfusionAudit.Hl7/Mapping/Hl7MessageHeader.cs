using InfusionAudit.Hl7.Er7;

namespace InfusionAudit.Hl7.Mapping;

/// <summary>What the ACK needs from MSH: the control id to echo, who sent it, and which acknowledgements it asked for.</summary>
public sealed record Hl7MessageHeader(
    Er7Field SendingApplication,
    Er7Field SendingFacility,
    Er7Field ReceivingApplication,
    Er7Field ReceivingFacility,
    string MessageCode,
    string TriggerEvent,
    string ControlId,
    Er7Field ProcessingId,
    string Version,
    string AcceptAcknowledgementType,
    string ApplicationAcknowledgementType)
{
    public static Hl7MessageHeader From(Er7Message message)
    {
        var msh = message.Header;
        return new Hl7MessageHeader(
            msh.Field(3), msh.Field(4), msh.Field(5), msh.Field(6),
            msh.Value(9, 1), msh.Value(9, 2), msh.Value(10), msh.Field(11), msh.Value(12), msh.Value(15), msh.Value(16));
    }
}
