using System.Text.Json.Serialization;

namespace InfusionAudit.Domain.Protocols.Documents;

/// <summary>
/// A protocol file as written (<c>protocols/&lt;id&gt;.v&lt;version&gt;.json</c>, shape in <c>protocols/protocol.schema.json</c>):
/// every field nullable, because absence is either a default or a problem the reader reports with the field's path.
/// </summary>
internal sealed record ProtocolDocument(
    [property: JsonPropertyName("$schema")] string? Schema,
    string? Id,
    int? Version,
    string? Title,
    string? Route,
    bool? FallbackForUnknownProtocols,
    SoftHardRangeDocument? DoseMgPerKg,
    FixedDoseDocument? FixedDoseMg,
    ElderlyDocument? Elderly,
    SoftHardRangeDocument? DurationMin,
    RateDocument? RateMgPerKgPerHour,
    RateDeviationDocument? RateDeviation,
    HardRangeDocument? ConcentrationMgPerMl,
    double? BolusHardMaxMgPerKg,
    double? ObservationMin,
    ScreeningDocument? Screening,
    CourseDocument? Course,
    double? AspirationRiskWithinMin,
    double? DeviceSpacingMin,
    PlausibleRangeDocument? WeightKg,
    DeliveryDocument? Delivery,
    TimingDocument? Timing,
    VitalsDocument? Vitals,
    ClockDocument? Clock,
    bool? RemsMonitoringForm = null);
