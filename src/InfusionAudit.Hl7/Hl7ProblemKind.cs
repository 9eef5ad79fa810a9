namespace InfusionAudit.Hl7;

/// <summary>Whether a problem rejects the message unread (AR / CR) or names content that cannot be used (AE / CE).</summary>
public enum Hl7ProblemKind
{
    Reject,
    Error,
}
