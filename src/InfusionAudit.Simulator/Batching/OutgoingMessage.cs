using System.Text;
using InfusionAudit.Simulator.Contract;

namespace InfusionAudit.Simulator.Batching;

/// <summary>One queue message or HTTP body: a bare event object or a JSON array of events, or HL7 v2 messages.</summary>
/// <param name="Text">Exact UTF-8 text to send (for HL7: one ER7 message, or an MLLP-framed stream of several).</param>
/// <param name="EventCount">Events it carries (1 for a bare object or an unparseable line; for HL7, one per message).</param>
/// <param name="Utf8Bytes">Length of <paramref name="Text"/> in UTF-8.</param>
/// <param name="SessionCount">
/// Distinct sessions among its events (events of unknown session count as one): the backend commits once per
/// session per message, so this is what batching saves or costs.
/// </param>
/// <param name="Hl7Messages">The ER7 messages, unframed, when this is HL7 (then <c>POST /api/hl7v2</c> or MLLP); null for JSON.</param>
public sealed record OutgoingMessage(string Text, int EventCount, int Utf8Bytes, int SessionCount, IReadOnlyList<string>? Hl7Messages = null)
{
    /// <summary>Size as the queue stores it: base64 of the UTF-8 text.</summary>
    public int EncodedBytes => Base64Length(Utf8Bytes);

    /// <summary>True when the body is HL7 v2, not contract JSON.</summary>
    public bool IsHl7 => Hl7Messages is not null;

    /// <summary>Length of the base64 encoding of <paramref name="bytes"/> bytes.</summary>
    public static int Base64Length(int bytes) => checked(((bytes + 2) / 3) * 4);

    /// <summary>HL7 messages of one gateway body: each one device event; several go MLLP-framed, as the HTTP route takes them.</summary>
    public static OutgoingMessage Hl7(IReadOnlyList<(WireEvent Event, string Text)> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        string[] texts = [.. messages.Select(m => m.Text)];
        var body = texts.Length == 1 ? texts[0] : string.Concat(texts.Select(InfusionAudit.Hl7.Mllp.Frame));
        return new OutgoingMessage(
            body, texts.Length, Encoding.UTF8.GetByteCount(body), messages.Select(m => m.Event.SessionId).Distinct(StringComparer.Ordinal).Count(), texts);
    }
}
