namespace InfusionAudit.Domain.Contract;

/// <summary>A problem with a device message as a whole, before its events can be looked at one by one.</summary>
public enum MessageProblem
{
    /// <summary>The text is not JSON at all (HTTP answers 400).</summary>
    NotJson,

    /// <summary>Valid JSON, but neither an event object nor an array.</summary>
    NotAnEventOrArray,

    /// <summary>An empty array.</summary>
    EmptyBatch,

    /// <summary>A queue message whose text is not base64 (the contract's queue encoding), so not even its JSON can be read.</summary>
    NotBase64,

    /// <summary>More than <see cref="EventParser.MaxEventsPerMessage"/> events.</summary>
    TooManyEvents,
}
