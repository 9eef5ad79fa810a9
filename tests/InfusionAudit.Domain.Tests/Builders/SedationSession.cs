namespace InfusionAudit.Domain.Tests.Builders;

/// <summary>An IV session started and not yet dosing, for the vital-sign rules a sedation nurse watches (catalogue v2).</summary>
internal static class SedationSession
{
    internal static SessionBuilder Started() => new SessionBuilder().StartIv();
}
