namespace InfusionAudit.Simulator.Transport;

/// <summary>How messages reach the backend.</summary>
public enum TransportKind
{
    /// <summary>The storage queue the ingest function triggers on.</summary>
    Queue,

    /// <summary><c>POST /api/events</c>, answered synchronously with per-event results.</summary>
    Http,
}
