using InfusionAudit.Domain.Units;

namespace InfusionAudit.Domain.Protocols;

/// <summary>Tolerances between prescribed, computed and pump-reported amounts (file section <c>delivery</c>).</summary>
/// <param name="OverDeliveryAbovePercent">Delivered above prescribed × (100 + this) %: <c>DOSE-OVER-DELIVERY</c>.</param>
/// <param name="UnderDeliveryBelowPercent">A completed session below prescribed × this %: <c>DOSE-UNDER-DELIVERY</c>.</param>
/// <param name="PumpMismatchMin">Smallest volume difference that counts as a mismatch.</param>
/// <param name="PumpMismatchPercent">Difference, in percent of the computed volume, that counts as a mismatch when larger than <paramref name="PumpMismatchMin"/>.</param>
public sealed record DeliveryThresholds(
    double OverDeliveryAbovePercent,
    double UnderDeliveryBelowPercent,
    Volume PumpMismatchMin,
    double PumpMismatchPercent);
