namespace InfusionAudit.Hl7.Mapping;

/// <summary>
/// One observation (OBX-3) this backend maps: its MDC numeric code, reference id (as the IHE PCD text writes it) and the
/// quantity its unit must measure. <paramref name="Alias"/> is another reference id gateways send for the same code.
/// </summary>
public sealed record MdcMetric(int Code, string ReferenceId, MdcQuantity Quantity, string? Alias = null)
{
    public bool IsNamed(string referenceId) =>
        string.Equals(referenceId, ReferenceId, StringComparison.Ordinal) || (Alias is not null && string.Equals(referenceId, Alias, StringComparison.Ordinal));
}
