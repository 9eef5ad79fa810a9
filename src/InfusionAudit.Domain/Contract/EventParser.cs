namespace InfusionAudit.Domain.Contract;

/// <summary>Parses and validates device messages against contract version 1.</summary>
public static class EventParser
{
    /// <summary>The most events one message may carry.</summary>
    public const int MaxEventsPerMessage = 100;

    /// <summary>Parses a message holding one event object or an array of up to 100 events.</summary>
    public static ParsedMessage Parse(string messageText) => throw new NotImplementedException("Being written: contract parser.");
}
