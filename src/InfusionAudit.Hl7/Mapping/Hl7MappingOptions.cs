namespace InfusionAudit.Hl7.Mapping;

/// <summary>
/// Where the contract's identity fields come from in an HL7 message (configuration section
/// <c>InfusionAudit:Hl7</c>). A location reads <c>SEG-field[.component]</c>; each setting is a comma-separated list, the first
/// location that holds a value wins (a string, so that configuration replaces the default instead of appending to it). The defaults follow IHE PCD-01 / PCD-10 as gateways send them: docs/hl7v2.md.
/// </summary>
public sealed class Hl7MappingOptions
{
    public const string SectionName = "InfusionAudit:Hl7";

    /// <summary>The clinic: the sending facility by default.</summary>
    public string ClinicIdFields { get; set; } = "MSH-4.1";

    /// <summary>The treatment session: the visit number by default (PV1-19), then the placer order number (OBR-2).</summary>
    public string SessionIdFields { get; set; } = "PV1-19.1,OBR-2.1";

    /// <summary>The device: the equipment instance identifier of the first OBX that has one (the MDS row in PCD-01 and PCD-10), then the sending application.</summary>
    public string DeviceIdFields { get; set; } = "OBX-18.1,MSH-3.1";

    /// <summary>The patient identifier, hashed like <c>patientRef</c>: the first identifier of PID-3 by default.</summary>
    public string PatientIdFields { get; set; } = "PID-3.1";

    /// <summary>
    /// The offset given to an HL7 time without one, in minutes east of UTC; null (the default): such a time is refused,
    /// because the contract's times carry an offset and the gateway's zone is not ours to guess.
    /// </summary>
    public int? DefaultUtcOffsetMinutes { get; set; }

    /// <summary>Answer with enhanced acknowledgement codes (CA / CE / CR) even when MSH-15 does not ask for them.</summary>
    public bool EnhancedAcknowledgements { get; set; }

    /// <summary>The local host's MLLP listener port; null or 0 (the default): no listener. The Functions app has none.</summary>
    public int? MllpPort { get; set; }

    /// <summary>
    /// The address the MLLP listener binds: loopback by default. MLLP carries no credentials, so a listener reachable
    /// from the network accepts any sender's messages (for any clinic); open it only behind a network boundary.
    /// </summary>
    public string MllpAddress { get; set; } = "127.0.0.1";

    /// <summary>The locations of a setting, in order.</summary>
    public static IReadOnlyList<Hl7FieldLocation> Locations(string setting) =>
        [.. (setting ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Hl7FieldLocation.Parse)];

    /// <summary>Checks every location, so a misconfigured host stops at start instead of refusing every message.</summary>
    /// <exception cref="FormatException">A location is not <c>SEG-field[.component]</c>, or a required list is empty.</exception>
    public void Validate()
    {
        foreach (var (name, value) in new[] { (nameof(ClinicIdFields), ClinicIdFields), (nameof(SessionIdFields), SessionIdFields), (nameof(DeviceIdFields), DeviceIdFields) })
        {
            if (Locations(value).Count == 0)
            {
                throw new FormatException($"{SectionName}:{name} must name at least one HL7 location (e.g. PV1-19.1).");
            }
        }

        // The stored copy of a refused message is redacted segment by segment (Hl7RawRedactor): the identifier must be where it looks.
        if (Locations(PatientIdFields).Any(l => l.Segment != "PID"))
        {
            throw new FormatException($"{SectionName}:{nameof(PatientIdFields)} must name PID locations only: the stored copy of a message is redacted in PID.");
        }
    }
}
