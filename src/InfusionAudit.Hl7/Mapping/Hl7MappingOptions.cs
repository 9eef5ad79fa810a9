namespace InfusionAudit.Hl7.Mapping;

/// <summary>
/// Where the contract's identity fields come from in an HL7 message (configuration section
/// <c>InfusionAudit:Hl7</c>). A location reads <c>SEG-field[.component]</c>; for a list, the first location that holds
/// a value wins. The defaults follow IHE PCD-01 / PCD-10 as gateways send them: docs/hl7v2.md.
/// </summary>
public sealed class Hl7MappingOptions
{
    public const string SectionName = "InfusionAudit:Hl7";

    /// <summary>The clinic: the sending facility by default.</summary>
    public IList<string> ClinicIdFields { get; init; } = ["MSH-4.1"];

    /// <summary>The treatment session: the visit number by default (PV1-19), then the placer order number (OBR-2).</summary>
    public IList<string> SessionIdFields { get; init; } = ["PV1-19.1", "OBR-2.1"];

    /// <summary>The device: the equipment instance identifier of the first OBX that has one (the MDS row in PCD-01 and PCD-10), then the sending application.</summary>
    public IList<string> DeviceIdFields { get; init; } = ["OBX-18.1", "MSH-3.1"];

    /// <summary>The patient identifier, hashed like <c>patientRef</c>: the first identifier of PID-3 by default.</summary>
    public IList<string> PatientIdFields { get; init; } = ["PID-3.1"];

    /// <summary>
    /// The offset given to an HL7 time without one, in minutes east of UTC; null (the default): such a time is refused,
    /// because the contract's times carry an offset and the gateway's zone is not ours to guess.
    /// </summary>
    public int? DefaultUtcOffsetMinutes { get; init; }

    /// <summary>Answer with enhanced acknowledgement codes (CA / CE / CR) even when MSH-15 does not ask for them.</summary>
    public bool EnhancedAcknowledgements { get; init; }

    /// <summary>The local host's MLLP listener port; null or 0 (the default): no listener. The Functions app has none.</summary>
    public int? MllpPort { get; init; }
}
