namespace InfusionAudit.Hl7;

/// <summary>
/// Why a message (or a part of it) was not taken: where (segment, its position, field, component) and an HL7 error
/// code from table 0357, for the ACK's ERR segment and the stored rejection.
/// </summary>
/// <param name="Segment">The segment id (<c>MSH</c>, <c>OBX</c>...), or null when the message has no readable segment.</param>
/// <param name="SegmentSequence">1-based position of the segment in the message, or null.</param>
/// <param name="Field">1-based field number (MSH-1 is the field separator), or null for the whole segment.</param>
/// <param name="Component">1-based component number, or null.</param>
/// <param name="Code">HL7 table 0357: 100 segment sequence, 101 required field missing, 102 data type, 103 table value not found, 200 unsupported message type, 203 unsupported version, 207 application internal error.</param>
/// <param name="Kind">Reject (the message cannot be read or is not one we take: AR/CR) or Error (read, but its content cannot be used: AE/CE).</param>
/// <param name="Text">A sentence for people. Never carries a value of PID or any other patient field.</param>
public sealed record Hl7Problem(string? Segment, int? SegmentSequence, int? Field, int? Component, int Code, Hl7ProblemKind Kind, string Text)
{
    public const int SegmentSequenceError = 100;
    public const int RequiredFieldMissing = 101;
    public const int DataTypeError = 102;
    public const int TableValueNotFound = 103;
    public const int UnsupportedMessageType = 200;
    public const int UnsupportedVersion = 203;
    public const int ApplicationError = 207;

    /// <summary>The location as HL7 writes it (<c>OBX[3]-6.1</c>), or <c>$</c> for the whole message.</summary>
    public string Location =>
        Segment is null ? "$"
        : $"{Segment}{(SegmentSequence is { } s ? $"[{s}]" : string.Empty)}{(Field is { } f ? $"-{f}" : string.Empty)}{(Field is not null && Component is { } c ? $".{c}" : string.Empty)}";

    public static Hl7Problem Reject(string? segment, int? sequence, int? field, int code, string text) => new(segment, sequence, field, null, code, Hl7ProblemKind.Reject, text);

    public static Hl7Problem Error(string? segment, int? sequence, int? field, int? component, int code, string text) => new(segment, sequence, field, component, code, Hl7ProblemKind.Error, text);
}
