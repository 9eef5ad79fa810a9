namespace InfusionAudit.Application.Security;

/// <summary>An authenticated caller: the role and a non-secret key id for access logs (never the key itself).</summary>
/// <param name="Role">The caller's strongest role.</param>
/// <param name="KeyId">Key id (<c>auditor:1a2b3c4d</c>) or signed-in principal (<c>entra:…</c>) as written to the access log.</param>
public sealed record Caller(CallerRole Role, string KeyId)
{
    /// <summary>
    /// Every role the caller holds: one for a key; an Entra principal may hold several app roles, or none that this
    /// API knows (then no route admits it).
    /// </summary>
    public IReadOnlyCollection<CallerRole> Roles { get; init; } = [Role];

    /// <summary>The clinics a producer bound by configuration may write for; null: every clinic.</summary>
    public IReadOnlySet<string>? Clinics { get; init; }

    /// <summary>
    /// The signed-in person's name (Entra ID through App Service authentication: <c>X-MS-CLIENT-PRINCIPAL-NAME</c> or
    /// the token's name claim); null for a role key, which names no person. Alert acknowledgements record it.
    /// </summary>
    public string? Person { get; init; }
}
