using System.Buffers;
using System.Text;
using System.Text.Json;

namespace InfusionAudit.Domain.Contract;

/// <summary>Parses and validates device messages against contract version 1.</summary>
/// <remarks>
/// Every input yields a <see cref="ParsedMessage"/>; nothing here throws for bad input. Each event is checked against
/// every rule of docs/event-contract.md and, when it breaks one, carries the first broken rule (envelope fields in
/// contract order, then the payload) so that one bad event never holds back the others of its message.
/// </remarks>
public static class EventParser
{
    /// <summary>The most events one message may carry.</summary>
    public const int MaxEventsPerMessage = 100;

    /// <summary>
    /// The largest event, in UTF-8 bytes of its JSON text: a queue message's limit (64 KiB), so nothing a queue producer
    /// can send is refused over HTTP, and every accepted event fits its table row as received.
    /// </summary>
    public const int MaxEventBytes = 64 * 1024;

    /// <summary>
    /// The longest message text looked at, in UTF-16 characters (16 Mi). A queue message is at most 64 KiB, so only a
    /// broken HTTP client gets near it; past it the text is rejected unread instead of risking the worker's memory.
    /// </summary>
    public const int MaxMessageLength = 16 * 1024 * 1024;

    // Events are three levels deep; unknown fields may nest further, but not without bound.
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    /// <summary>Parses a message holding one event object or an array of up to 100 events.</summary>
    /// <param name="messageText">The message text (the decoded queue message or HTTP body). Null is treated as empty text.</param>
    /// <returns>
    /// The message's elements, each accepted or rejected; or, when <see cref="ParsedMessage.Problem"/> is set, one rejected
    /// element holding the whole text.
    /// </returns>
    public static ParsedMessage Parse(string messageText)
    {
        var text = messageText ?? string.Empty;
        if (text.Length > MaxMessageLength)
        {
            return WholeMessage(
                MessageProblem.NotJson,
                text,
                ContractRule.MessageSize,
                $"The message is longer than {MaxMessageLength} characters; a message carries at most {MaxEventsPerMessage} events.");
        }

        // Our own transcoding: it replaces unpaired surrogates instead of throwing as JsonDocument.Parse(string) does.
        var buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
        try
        {
            var length = Encoding.UTF8.GetBytes(text, buffer);
            var json = buffer.AsMemory(0, length);
            if (json.Span.StartsWith("\uFEFF"u8))
            {
                // RFC 8259 §8.1 lets a parser ignore a byte order mark; gateways that write files first often add one.
                json = json[3..];
            }

            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(json, DocumentOptions);
            }
            catch (JsonException e)
            {
                return WholeMessage(
                    MessageProblem.NotJson,
                    text,
                    ContractRule.NotJson,
                    $"The message is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}): expected one event object or an array of 1 to {MaxEventsPerMessage} events.");
            }

            using (document)
            {
                return ParseRoot(document.RootElement, text);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static ParsedMessage ParseRoot(JsonElement root, string text)
    {
        switch (root.ValueKind)
        {
            case JsonValueKind.Object:
                return new ParsedMessage([EventValidator.Validate(0, root)], null);

            case JsonValueKind.Array:
                var count = root.GetArrayLength();
                if (count is 0 or > MaxEventsPerMessage)
                {
                    return WholeMessage(
                        count == 0 ? MessageProblem.EmptyBatch : MessageProblem.TooManyEvents,
                        text,
                        ContractRule.BatchSize,
                        $"A batch must hold 1 to {MaxEventsPerMessage} events; this one holds {count}.");
                }

                var events = new ParsedEvent[count];
                var index = 0;
                foreach (var element in root.EnumerateArray())
                {
                    events[index] = EventValidator.Validate(index, element);
                    index++;
                }

                return new ParsedMessage(events, null);

            default:
                return WholeMessage(
                    MessageProblem.NotAnEventOrArray,
                    text,
                    ContractRule.Type,
                    $"The message must be one event object or an array of events; found {FieldReader.Describe(root.ValueKind)}.");
        }
    }

    private static ParsedMessage WholeMessage(MessageProblem problem, string text, string rule, string message) =>
        new([new ParsedEvent(0, text, null, new EventRejection(null, "$", rule, message), null, null)], problem);
}
