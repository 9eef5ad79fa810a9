namespace InfusionAudit.Domain.Protocols.Documents;

/// <summary>Section <c>clock</c>.</summary>
internal sealed record ClockDocument(
    string? NotBefore,
    double? StaleAboveDays,
    double? DeviceOffsetAboveMin);
