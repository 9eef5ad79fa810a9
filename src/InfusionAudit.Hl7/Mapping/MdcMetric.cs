namespace InfusionAudit.Hl7.Mapping;

/// <summary>One observation (OBX-3) this backend maps: its MDC numeric code, reference id and the quantity its unit must measure.</summary>
public sealed record MdcMetric(int Code, string ReferenceId, MdcQuantity Quantity);
