namespace InfusionAudit.Domain.Contract;

/// <summary>One element of a device message after parsing and validation: either an event or a rejection.</summary>
/// <param name="Index">Position in the message (0 for a single-event message).</param>
/// <param name="RawJson">The element's text exactly as received (for a message-level problem, the whole message text).</param>
/// <param name="Event">The validated event, when accepted by the contract.</param>
/// <param name="Rejection">Why it was rejected, when it was.</param>
/// <param name="ClinicId">The clinic id when readable and well-formed, even for a rejected element (to file the rejection).</param>
/// <param name="SessionId">The session id when readable and well-formed, even for a rejected element.</param>
public sealed record ParsedEvent(
    int Index,
    string RawJson,
    DeviceEvent? Event,
    EventRejection? Rejection,
    string? ClinicId,
    string? SessionId)
{
    /// <summary>True when the element passed every contract rule.</summary>
    public bool IsAccepted => Event is not null;
}
