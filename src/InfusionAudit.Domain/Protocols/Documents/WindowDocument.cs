namespace InfusionAudit.Domain.Protocols.Documents;

/// <summary>A window of minutes after an instant: <c>{ fromMin, toMin }</c> (<c>vitals.bpAfterFirstDose</c>).</summary>
internal sealed record WindowDocument(
    double? FromMin,
    double? ToMin);
