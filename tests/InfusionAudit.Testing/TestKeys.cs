namespace InfusionAudit.Testing;

/// <summary>Keys and secrets the test hosts are configured with.</summary>
public static class TestKeys
{
    public const string Producer = "test-producer-key";
    public const string OnCall = "test-oncall-key";
    public const string Auditor = "test-auditor-key";
    public const string Admin = "test-admin-key";

    /// <summary>64 hex characters = 32 bytes, the minimum.</summary>
    public const string PatientHash = "6f1c2e3d4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0";
}
