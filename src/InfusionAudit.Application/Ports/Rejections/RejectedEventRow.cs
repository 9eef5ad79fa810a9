namespace InfusionAudit.Application.Ports.Rejections;

/// <summary>Input the contract refused, kept with its text (patient reference hashed), the reason and the receive time.</summary>
/// <param name="ClinicId">The clinic when readable from the input, else null (filed under <see cref="UnknownClinic"/>).</param>
/// <param name="Source"><c>queue</c> or <c>http</c>.</param>
/// <param name="MessageKey">The queue message id or HTTP request id: with <paramref name="Index"/> it makes redelivery idempotent.</param>
/// <param name="Index">Position of the element in its message.</param>
/// <param name="ClinicalDate">The clinic's local date (its time zone) of the input's <c>occurredAt</c> when readable,
/// else of its receive time: the day it is filed and listed under. Null: the UTC receive day (rows written before the
/// clinical calendar).</param>
/// <param name="RawText">The element's text as received, at most 60 KiB (<paramref name="Truncated"/> says when cut).</param>
public sealed record RejectedEventRow(
    string? ClinicId,
    string? SessionId,
    string? EventId,
    DateTimeOffset ReceivedAt,
    string Source,
    string MessageKey,
    int Index,
    string Field,
    string Rule,
    string Message,
    string RawText,
    bool Truncated,
    DateOnly? ClinicalDate = null)
{
    /// <summary>The clinic rejections are filed under when the input names none that could be read; '~' cannot occur in a contract clinic id.</summary>
    public const string UnknownClinic = "~unknown";
}
