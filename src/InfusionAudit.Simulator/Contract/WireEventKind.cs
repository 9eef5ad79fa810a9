namespace InfusionAudit.Simulator.Contract;

/// <summary>Why an event is on the wire: what the backend is expected to make of it.</summary>
public enum WireEventKind
{
    /// <summary>A valid event sent for the first time.</summary>
    Original,

    /// <summary>A byte-identical resend of an earlier event (at-least-once delivery): the backend must answer duplicate.</summary>
    Duplicate,

    /// <summary>Valid JSON that breaks the contract on purpose: the backend must reject it.</summary>
    Invalid,

    /// <summary>Text that is not JSON at all (replayed files only): sent alone, as-is, so the backend rejects it.</summary>
    NotJson,
}
