using InfusionAudit.Domain.Privacy;
using InfusionAudit.Application.Ports.Sessions;

namespace InfusionAudit.Application.Configuration;

/// <summary>
/// Settings of both hosts, section <c>InfusionAudit</c> (environment variables <c>InfusionAudit__Name</c>,
/// app settings in Azure). Storage itself is the Functions setting <c>AzureWebJobsStorage</c>.
/// </summary>
public sealed class InfusionAuditOptions
{
    public const string Section = "InfusionAudit";

    /// <summary>The device event queue (<c>%InfusionAudit:EventsQueue%</c> in trigger attributes).</summary>
    public string EventsQueue { get; set; } = "infusion-events";

    /// <summary>HMAC-SHA256 key for patient references, hex or base64, at least 32 bytes. From Key Vault in Azure.</summary>
    public string PatientHashKey { get; set; } = string.Empty;

    /// <summary>
    /// The patient hash key's name in every stored hash (<c>hmac-sha256:v1:{scope}:{keyId}:…</c>): letters, digits, '.',
    /// '_', '-', at most 40. Empty: derived from the key (<c>k</c> and 8 hex digits), which changes with the key.
    /// </summary>
    public string? PatientHashKeyId { get; set; }

    /// <summary>
    /// Where one <c>patientRef</c> names one patient: <c>Clinic</c> (default; the same reference at two clinics is two
    /// patients) or <c>Organisation</c> (a network with one patient index). Changing it starts new patient histories.
    /// </summary>
    public PatientIdentityScope PatientIdentityScope { get; set; } = PatientIdentityScope.Clinic;

    /// <summary>
    /// Create every table and the event queues at start (default, for Azurite and the local host). Off in Azure, where
    /// the template creates them: a Flex Consumption cold start then spends no round trip on them. A table or queue
    /// missing later is still created by the first request that finds it missing.
    /// </summary>
    public bool CreateStorageAtStart { get; set; } = true;

    /// <summary>Folder of protocol library files (one JSON file per protocol version).</summary>
    public string ProtocolsPath { get; set; } = "protocols";

    /// <summary>Largest accepted <c>POST /api/events</c> body.</summary>
    public int MaxHttpBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// CRON schedule (with seconds) of the clock check for overdue, silent and start-less sessions. The Functions timer
    /// trigger reads it as <c>%InfusionAudit:ClockSchedule%</c>; the local host runs the same schedule.
    /// </summary>
    public string ClockSchedule { get; set; } = "0 * * * * *";

    /// <summary>
    /// Memory, MiB, for the sessions each host keeps after writing them (saves the read of a session on its next
    /// message), held parsed: a 1 Hz vitals reading costs about 360 bytes by estimate, an hour of 1 Hz vitals about
    /// 1.3 MB. The default holds some 93,000 readings and keeps the local host under 300 MB (docs/reliability.md, soak).
    /// </summary>
    public int SessionCacheMegabytes { get; set; } = DefaultSessionCacheMegabytes;

    /// <summary>The default of <see cref="SessionCacheMegabytes"/>; the soak measured why (docs/reliability.md).</summary>
    public const int DefaultSessionCacheMegabytes = 32;

    /// <summary>
    /// The IANA time zone of clinics not listed in <see cref="ClinicTimeZones"/>; default <c>UTC</c>. A clinic's day in
    /// every audit answer (session date, the lists' and the report's <c>from</c>/<c>to</c>) is a day of its zone.
    /// </summary>
    public string DefaultTimeZone { get; set; } = "UTC";

    /// <summary>
    /// IANA time zone per clinic id (<c>InfusionAudit:ClinicTimeZones:{clinicId}</c>, e.g. <c>America/New_York</c>). An
    /// id this machine does not know stops the host at start (<see cref="ClinicCalendar"/>).
    /// </summary>
    public Dictionary<string, string> ClinicTimeZones { get; set; } = new(StringComparer.Ordinal);

    /// <summary>API keys per role; each value is a comma-separated list so keys can be rotated without downtime.</summary>
    public ApiKeyOptions Keys { get; set; } = new();

    /// <summary>Producer keys bound to clinics (<c>InfusionAudit:ProducerKeys:{n}:Key</c> and <c>:Clinics</c>); see <see cref="ProducerBinding"/>.</summary>
    public List<ProducerBinding> ProducerKeys { get; set; } = [];

    /// <summary>Entra producer principals bound to clinics (<c>InfusionAudit:ProducerPrincipals:{n}:Principal</c> and <c>:Clinics</c>).</summary>
    public List<ProducerBinding> ProducerPrincipals { get; set; } = [];
}
