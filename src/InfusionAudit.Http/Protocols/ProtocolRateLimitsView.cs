namespace InfusionAudit.Http.Protocols;

/// <summary>Programmed rate limits: above the soft maximum <c>RATE-SOFT</c> (warning), above the hard one <c>RATE-HARD</c> (critical).</summary>
public sealed record ProtocolRateLimitsView(double SoftMaxMgPerKgPerHour, double HardMaxMgPerKgPerHour);
