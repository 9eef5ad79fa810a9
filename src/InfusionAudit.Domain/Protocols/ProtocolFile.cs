namespace InfusionAudit.Domain.Protocols;

/// <summary>A protocol version's file as loaded: what a clinic signed off, and whether it is released.</summary>
/// <param name="Text">The file's text exactly as loaded.</param>
/// <param name="Sha256">The SHA-256 of the file's bytes, lower-case hex (of its UTF-8 text when loaded from memory).</param>
/// <param name="Released">Listed in <see cref="ReleasedProtocols.FileName"/> with these bytes; a draft otherwise.</param>
public sealed record ProtocolFile(string Text, string Sha256, bool Released);
