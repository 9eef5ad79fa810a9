namespace InfusionAudit.Hl7.Mapping;

/// <summary>
/// One unit this backend reads in OBX-6: its UCUM code, its MDC reference id and, where verified, its MDC numeric
/// code; the factor converts a value to the contract's unit of its quantity (mmHg, %, mL/h, mL, mg/kg/h, mg/mL, kg).
/// </summary>
public sealed record MdcUnit(MdcQuantity Quantity, string Ucum, string? ReferenceId, int? Code, double ToContract);
