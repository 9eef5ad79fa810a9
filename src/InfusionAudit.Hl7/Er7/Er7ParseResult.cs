namespace InfusionAudit.Hl7.Er7;

/// <summary>A parsed message, or the problem that stopped the parser (with its segment and field).</summary>
public sealed record Er7ParseResult(Er7Message? Message, Hl7Problem? Problem);
