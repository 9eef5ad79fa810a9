using System.Runtime.InteropServices;
using System.Text.Json;

namespace InfusionAudit.Domain.Contract;

/// <summary>Validates one event object against contract version 1: envelope fields in contract order, then the payload.</summary>
internal static class EventValidator
{
    private const int SchemaVersionSlot = 0;
    private const int EventIdSlot = 1;
    private const int TypeSlot = 2;
    private const int SessionIdSlot = 3;
    private const int ClinicIdSlot = 4;
    private const int DeviceIdSlot = 5;
    private const int SequenceSlot = 6;
    private const int OccurredAtSlot = 7;
    private const int PayloadSlot = 8;

    private static readonly FieldNameTable Envelope = new(
        string.Empty, "schemaVersion", "eventId", "type", "sessionId", "clinicId", "deviceId", "sequence", "occurredAt", "payload");

    private static readonly EnumNames<EventType> Types = new(EnumNames<EventType>.AsIs);
    private static readonly IntegerRule Sequence = new(0, long.MaxValue);

    /// <summary>Validates the element at <paramref name="index"/> of a message.</summary>
    public static ParsedEvent Validate(int index, JsonElement element)
    {
        var rawJson = element.GetRawText();
        if (element.ValueKind != JsonValueKind.Object)
        {
            return Rejected(index, rawJson, null, FieldReader.WrongType("$", "an event object", element), null, null);
        }

        FieldSlots slots = default;
        var duplicate = ObjectScanner.Scan(element, Envelope, slots, out var duplicated);

        // Ids are read first, whatever else is wrong, so that even a rejection can be filed under its clinic and session.
        var eventIdViolation = FieldReader.Id(slots[EventIdSlot], "eventId", out var eventId);
        var sessionIdViolation = FieldReader.Id(slots[SessionIdSlot], "sessionId", out var sessionId);
        var clinicIdViolation = FieldReader.Id(slots[ClinicIdSlot], "clinicId", out var clinicId);
        var knownEventId = Known(eventIdViolation, duplicated, EventIdSlot, eventId);
        var knownSessionId = Known(sessionIdViolation, duplicated, SessionIdSlot, sessionId);
        var knownClinicId = Known(clinicIdViolation, duplicated, ClinicIdSlot, clinicId);

        if (JsonMarshal.GetRawUtf8Value(element).Length > EventParser.MaxEventBytes)
        {
            return Rejected(
                index,
                rawJson,
                knownEventId,
                new Violation("$", ContractRule.EventSize, $"The event is larger than {EventParser.MaxEventBytes} bytes of UTF-8 JSON (a queue message's limit); it is kept only in part."),
                knownClinicId,
                knownSessionId);
        }

        if (duplicate is not null)
        {
            return Rejected(index, rawJson, knownEventId, Duplicate(duplicate), knownClinicId, knownSessionId);
        }

        var violation = FieldReader.First(
            SchemaVersion(slots[SchemaVersionSlot]),
            eventIdViolation,
            FieldReader.Enum(slots[TypeSlot], "type", Types, out var type),
            sessionIdViolation,
            clinicIdViolation,
            FieldReader.Id(slots[DeviceIdSlot], "deviceId", out var deviceId),
            FieldReader.RequiredInteger(slots[SequenceSlot], "sequence", Sequence, out var sequence),
            OccurredAt(slots[OccurredAtSlot], out var occurredAt));
        EventPayload? payload = null;
        violation ??= PayloadValidator.Validate(type, slots[PayloadSlot], out payload);

        return violation is { } rejection
            ? Rejected(index, rawJson, knownEventId, rejection, knownClinicId, knownSessionId)
            : new ParsedEvent(
                index,
                rawJson,
                new DeviceEvent(1, eventId, type, sessionId, clinicId, deviceId, sequence, occurredAt, payload!),
                null,
                clinicId,
                sessionId);
    }

    /// <summary>The violation for a property that occurs twice in one object.</summary>
    public static Violation Duplicate(string field) =>
        new(field, ContractRule.DuplicateProperty, $"{field} occurs more than once in the same object, so its value is ambiguous.");

    private static string? Known(Violation? violation, int duplicated, int slot, string value) =>
        violation is null && (duplicated & (1 << slot)) == 0 ? value : null;

    private static Violation? SchemaVersion(JsonElement element)
    {
        const string field = "schemaVersion";
        if (FieldReader.IsAbsent(element))
        {
            return FieldReader.Missing(field);
        }

        if (element.ValueKind != JsonValueKind.Number)
        {
            return FieldReader.WrongType(field, "the integer 1", element);
        }

        if (!FieldReader.IsIntegral(element, out var version, out var outOfRange))
        {
            return new Violation(field, ContractRule.Type, "schemaVersion must be an integer; found a number with a fractional part.");
        }

        return outOfRange == 0 && version == 1
            ? null
            : new Violation(field, ContractRule.Const, "schemaVersion must be 1: this endpoint accepts device event contract version 1 only.");
    }

    private static Violation? OccurredAt(JsonElement element, out DateTimeOffset value)
    {
        const string field = "occurredAt";
        value = default;
        if (FieldReader.IsAbsent(element))
        {
            return FieldReader.Missing(field);
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            return FieldReader.WrongType(field, "an RFC 3339 timestamp string", element);
        }

        return JsonStrings.TryGetUtf8(element, out var utf8) && Rfc3339Timestamp.TryParse(utf8, out value)
            ? null
            : new Violation(
                field,
                ContractRule.Format,
                "occurredAt must be an RFC 3339 timestamp with an explicit offset, e.g. 2026-11-26T15:04:05Z or 2026-11-26T16:04:05+01:00 (offset within ±14:00, no leap second).");
    }

    private static ParsedEvent Rejected(int index, string rawJson, string? eventId, Violation violation, string? clinicId, string? sessionId) =>
        new(index, rawJson, null, new EventRejection(eventId, violation.Field, violation.Rule, violation.Message), clinicId, sessionId);
}
