using InfusionAudit.Application.Audit;

namespace InfusionAudit.Http.Audit;

/// <summary>JSON or CSV for a list route: <c>format=csv|json</c> wins, else the Accept header's preference, else JSON.</summary>
public enum AuditFormat
{
    Json,
    Csv,

    /// <summary>A printable page (the compliance report only).</summary>
    Html,
}
