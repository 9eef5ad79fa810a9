namespace InfusionAudit.Domain.Protocols.Documents;

/// <summary>Section <c>delivery</c>.</summary>
internal sealed record DeliveryDocument(
    double? OverDeliveryAbovePercent,
    double? UnderDeliveryBelowPercent,
    double? PumpMismatchMinMl,
    double? PumpMismatchPercent);
