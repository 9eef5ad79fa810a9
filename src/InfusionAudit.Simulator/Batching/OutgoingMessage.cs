namespace InfusionAudit.Simulator.Batching;

/// <summary>One queue message or HTTP body: a bare event object or a JSON array of events.</summary>
/// <param name="Text">Exact UTF-8 text to send.</param>
/// <param name="EventCount">Events it carries (1 for a bare object or an unparseable line).</param>
/// <param name="Utf8Bytes">Length of <paramref name="Text"/> in UTF-8.</param>
/// <param name="SessionCount">
/// Distinct sessions among its events (events of unknown session count as one): the backend commits once per
/// session per message, so this is what batching saves or costs.
/// </param>
public sealed record OutgoingMessage(string Text, int EventCount, int Utf8Bytes, int SessionCount)
{
    /// <summary>Size as the queue stores it: base64 of the UTF-8 text.</summary>
    public int EncodedBytes => Base64Length(Utf8Bytes);

    /// <summary>Length of the base64 encoding of <paramref name="bytes"/> bytes.</summary>
    public static int Base64Length(int bytes) => checked(((bytes + 2) / 3) * 4);
}
