namespace InfusionAudit.Hl7;

/// <summary>The verdict an ACK carries in MSA-1, before the choice of original (AA/AE/AR) or enhanced (CA/CE/CR) codes.</summary>
public enum Hl7AckCode
{
    Accept,
    Error,
    Reject,
}
