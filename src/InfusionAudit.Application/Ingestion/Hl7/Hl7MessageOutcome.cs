using InfusionAudit.Hl7;

namespace InfusionAudit.Application.Ingestion.Hl7;

/// <summary>What became of one HL7 message: the ACK to send back and its verdict.</summary>
/// <param name="Ack">The ACK message (ER7, CR-terminated, not framed).</param>
/// <param name="Events">The contract events' outcomes when the message was mapped, else null.</param>
public sealed record Hl7MessageOutcome(string Ack, Hl7AckCode Code, IngestResult? Events);
