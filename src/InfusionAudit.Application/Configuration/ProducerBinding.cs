namespace InfusionAudit.Application.Configuration;

/// <summary>
/// A producer bound to the clinics it may write for: an API key (<c>InfusionAudit:ProducerKeys:{n}:Key</c>) or an
/// Entra principal signed in by App Service authentication (<c>InfusionAudit:ProducerPrincipals:{n}:Principal</c>, its
/// object id as the access log shows it after <c>entra:</c>). An event it sends for any other clinic is a stored
/// <c>clinic-not-allowed</c> rejection. Producers not listed (<c>InfusionAudit:Keys:Producer</c>, app-role principals)
/// write for every clinic.
/// </summary>
public sealed class ProducerBinding
{
    /// <summary>The API key (a producer key of its own; it need not be listed in <c>Keys:Producer</c> too).</summary>
    public string Key { get; set; } = string.Empty;

    /// <summary>The principal's object id (or the name App Service reports when it sends no id).</summary>
    public string Principal { get; set; } = string.Empty;

    /// <summary>Comma-separated clinic ids. Empty: the producer may write for no clinic (a binding never widens access).</summary>
    public string Clinics { get; set; } = string.Empty;

    /// <summary>The clinic ids, trimmed, without empties.</summary>
    public IReadOnlySet<string> ClinicSet() =>
        Clinics.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
}
