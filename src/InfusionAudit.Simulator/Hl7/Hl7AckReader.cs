using InfusionAudit.Hl7;
using InfusionAudit.Hl7.Er7;
using InfusionAudit.Simulator.Transport;

namespace InfusionAudit.Simulator.Hl7;

/// <summary>
/// Reads the backend's HL7 ACKs as a gateway does: MSA-1 <c>AA</c>/<c>CA</c> is taken, <c>AE</c>/<c>AR</c>/<c>CE</c>/<c>CR</c>
/// a refusal, counted like a rejected event on the JSON route. An ACK says nothing of duplicates (a resent message is
/// accepted again), so none are counted.
/// </summary>
public static class Hl7AckReader
{
    /// <summary>The outcome of <paramref name="sent"/> messages from the ACKs in <paramref name="answer"/> (one, or MLLP-framed).</summary>
    /// <exception cref="SendFailedException">The answer does not hold one readable ACK per message.</exception>
    public static SendOutcome Outcome(string answer, int sent, string from)
    {
        ArgumentNullException.ThrowIfNull(answer);
        IReadOnlyList<string> acks = [answer];
        if (Mllp.IsFramed(answer) && !Mllp.TryUnframe(answer, out acks, out var problem))
        {
            throw new SendFailedException($"{from} answered a broken MLLP stream: {problem}", fatal: false);
        }

        return Outcome(acks, sent, from);
    }

    /// <summary>The outcome from ACKs already unframed.</summary>
    public static SendOutcome Outcome(IReadOnlyList<string> acks, int sent, string from)
    {
        ArgumentNullException.ThrowIfNull(acks);
        if (acks.Count != sent)
        {
            throw new SendFailedException($"{from} answered {acks.Count} ACK(s) to {sent} HL7 message(s).", fatal: false);
        }

        var accepted = 0;
        var rejected = 0;
        foreach (var ack in acks)
        {
            var code = Code(ack) ?? throw new SendFailedException($"{from} answered something that is not an HL7 ACK: {Truncate(ack)}", fatal: false);
            if (code is "AA" or "CA")
            {
                accepted++;
            }
            else
            {
                rejected++;
            }
        }

        return new SendOutcome(sent, HasResults: true, accepted, 0, rejected);
    }

    /// <summary>MSA-1 of an ACK, or null when the text is not an ACK.</summary>
    public static string? Code(string ack)
    {
        var parsed = Er7Parser.Parse(ack);
        return parsed.Message?.First("MSA") is { } msa && msa.Segment.Value(1) is "AA" or "AE" or "AR" or "CA" or "CE" or "CR"
            ? msa.Segment.Value(1)
            : null;
    }

    private static string Truncate(string text) => (text.Length <= 200 ? text : text[..200] + "…").Replace('\r', ' ');
}
