using InfusionAudit.Application.Configuration;
using InfusionAudit.Application.Security;

namespace InfusionAudit.Http.Security;

/// <summary>
/// Entra ID sign-in through App Service authentication (section <c>InfusionAudit:AppServiceAuth</c>). App Service
/// validates the token and passes the user to the app in the <c>X-MS-CLIENT-PRINCIPAL</c> header, which it strips from
/// incoming requests. Anywhere else (the local host, a Functions app without authentication) a client could forge that
/// header, so it is read only when <see cref="Enabled"/> is set.
/// </summary>
public sealed class AppServiceAuthOptions
{
    public const string Section = "InfusionAudit:AppServiceAuth";

    /// <summary>Trust the <c>X-MS-CLIENT-PRINCIPAL</c> header. Only behind App Service authentication.</summary>
    public bool Enabled { get; set; }

    /// <summary>App role value (the app registration's <c>appRoles[].value</c>) that maps to the producer role.</summary>
    public string ProducerRole { get; set; } = "InfusionAudit.Producer";

    public string OnCallRole { get; set; } = "InfusionAudit.OnCall";

    public string AuditorRole { get; set; } = "InfusionAudit.Auditor";

    public string AdminRole { get; set; } = "InfusionAudit.Admin";
}
