namespace InfusionAudit.Testing;

/// <summary>One issue of a FHIR validation: severity (Fatal, Error, Warning, Information), issue type, text, where.</summary>
public sealed record FhirIssue(string Severity, string Code, string Text, string Where)
{
    public bool IsError => Severity is "Fatal" or "Error";

    public override string ToString() => $"{Severity} {Code} at {Where}: {Text}";
}
