namespace InfusionAudit.Simulator.Transport;

/// <summary>How messages reach the backend.</summary>
public enum TransportKind
{
    /// <summary>The storage queue the ingest function triggers on.</summary>
    Queue,

    /// <summary><c>POST /api/events</c>, answered synchronously with per-event results.</summary>
    Http,

    /// <summary>HL7 v2 over MLLP (TCP) to the local host's listener for the devices' events, <c>POST /api/events</c> for the rest; needs <c>--device-format hl7</c>.</summary>
    Mllp,
}
