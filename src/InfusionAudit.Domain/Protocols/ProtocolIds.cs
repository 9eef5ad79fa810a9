namespace InfusionAudit.Domain.Protocols;

/// <summary>Protocol ids with a fixed meaning beside the library's own.</summary>
public static class ProtocolIds
{
    /// <summary>
    /// What a finding names as its protocol when the session's claimed id is not in the library. The claimed id is
    /// producer free text and findings reach alerts, webhooks and pages, so it is never echoed there; it stays in the
    /// session's stored <c>SessionStarted</c> event. '~' cannot occur in a library id.
    /// </summary>
    public const string Unknown = "~unknown";
}
