namespace InfusionAudit.Application.Configuration;

/// <summary>API keys per role (<c>InfusionAudit__Keys__Producer</c> etc.), comma-separated.</summary>
public sealed class ApiKeyOptions
{
    public string Producer { get; set; } = string.Empty;

    public string OnCall { get; set; } = string.Empty;

    public string Auditor { get; set; } = string.Empty;

    public string Admin { get; set; } = string.Empty;
}
