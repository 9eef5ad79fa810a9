namespace InfusionAudit.Domain.Rems;

/// <summary>A field of the REMS form that the record cannot fill, and why.</summary>
/// <param name="Field">The form field, as named in the JSON answer (<c>monitoringEndedAt</c>, <c>devices[1].lotNumber</c>).</param>
/// <param name="Reason">What the record lacks, in words.</param>
public sealed record RemsMissingField(string Field, string Reason);
