namespace InfusionAudit.Simulator.Hl7;

/// <summary>What the pumps and monitors speak (<c>--device-format</c>); the tablet always sends contract JSON.</summary>
public enum DeviceFormat
{
    /// <summary>Every event as contract JSON.</summary>
    Json,

    /// <summary>Pump and monitor events as HL7 v2 (IHE PCD-01 vitals and pump totals, PCD-10 pump events); the rest as JSON.</summary>
    Hl7,
}
