namespace InfusionAudit.Application.Security;

/// <summary>An authenticated caller: the role and a non-secret key id for access logs (never the key itself).</summary>
public sealed record Caller(CallerRole Role, string KeyId);
