namespace InfusionAudit.Domain.Protocols.Documents;

/// <summary>Section <c>screening</c> (catalogue v2).</summary>
internal sealed record ScreeningDocument(
    bool? Required,
    string[]? Contraindications);
