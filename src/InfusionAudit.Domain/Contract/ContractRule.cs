namespace InfusionAudit.Domain.Contract;

/// <summary>
/// The stable rule names that <see cref="EventRejection.Rule"/> carries. Producers match on them, so they are part
/// of the public contract: add new names, never rename one (see docs/event-contract.md).
/// </summary>
public static class ContractRule
{
    /// <summary>The message text is not JSON.</summary>
    public const string NotJson = "not-json";

    /// <summary>A queue message is not base64-encoded.</summary>
    public const string NotBase64 = "not-base64";

    /// <summary>The message is larger than <see cref="EventParser.MaxMessageLength"/> characters.</summary>
    public const string MessageSize = "message-size";

    /// <summary>A batch is empty or holds more than <see cref="EventParser.MaxEventsPerMessage"/> events.</summary>
    public const string BatchSize = "batch-size";

    /// <summary>A value has the wrong JSON type (a string where a number is expected, a fraction where an integer is expected...).</summary>
    public const string Type = "type";

    /// <summary>A required field is missing or null.</summary>
    public const string Required = "required";

    /// <summary>A value must equal one constant (<c>schemaVersion</c> must be 1).</summary>
    public const string Const = "const";

    /// <summary>A string is not one of the allowed values (case-sensitive).</summary>
    public const string Enum = "enum";

    /// <summary>A string is shorter or longer than allowed (counted in Unicode code points).</summary>
    public const string Length = "length";

    /// <summary>An identifier contains a character outside <c>[A-Za-z0-9._:-]</c>.</summary>
    public const string Pattern = "pattern";

    /// <summary>A string that must name something is made of white space only.</summary>
    public const string NotBlank = "not-blank";

    /// <summary>A timestamp is not RFC 3339 with an explicit offset.</summary>
    public const string Format = "format";

    /// <summary>A string holds an escaped lone surrogate (<c>\ud800</c>) and so is not Unicode text.</summary>
    public const string StringEncoding = "string-encoding";

    /// <summary>A number is below its inclusive minimum.</summary>
    public const string Minimum = "minimum";

    /// <summary>A number is not strictly greater than its exclusive minimum (must be &gt; 0).</summary>
    public const string ExclusiveMinimum = "exclusive-minimum";

    /// <summary>A number is above its maximum (a contract bound or the largest value the audit can represent).</summary>
    public const string Maximum = "maximum";

    /// <summary>Not exactly one of two alternative fields is present.</summary>
    public const string ExactlyOneOf = "exactly-one-of";

    /// <summary>None of a set of fields is present.</summary>
    public const string AtLeastOneOf = "at-least-one-of";

    /// <summary>One event's text is larger than <see cref="EventParser.MaxEventBytes"/> (a queue message's limit), too large to store as received.</summary>
    public const string EventSize = "event-size";

    /// <summary>One object names the same property twice, so its meaning is ambiguous.</summary>
    public const string DuplicateProperty = "duplicate-property";

    /// <summary>An HTTP body larger than the host's limit: refused unread, stored as one rejection (field <c>$</c>).</summary>
    public const string BodySize = "body-size";

    /// <summary>
    /// An element the parser gave no verdict for: cannot happen with this parser; kept so that such an element is
    /// still accounted for as a rejection rather than lost.
    /// </summary>
    public const string Invalid = "invalid";

    /// <summary>An HL7 v2 message refused unread (not ER7, bad delimiters, not ORU^R01 / ORU^R42...): the ACK's AR / CR. The field is the HL7 location.</summary>
    public const string Hl7Rejected = "hl7-rejected";

    /// <summary>An HL7 v2 message read but not mappable to contract events (a unit refused, an identity field missing...): the ACK's AE / CE.</summary>
    public const string Hl7Error = "hl7-error";
}
