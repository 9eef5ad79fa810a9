using System.Text.Json.Serialization;

namespace InfusionAudit.Application.Diagnostics;

/// <summary>The readiness body: <c>ready</c> when every check is <c>ok</c>, else <c>not-ready</c>.</summary>
public sealed record ReadinessReport(string Status, IReadOnlyList<ReadinessCheck> Checks)
{
    [JsonIgnore]
    public bool Ready => Status == "ready";
}
