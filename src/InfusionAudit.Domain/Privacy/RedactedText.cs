namespace InfusionAudit.Domain.Privacy;

/// <summary>Raw input text with every patient reference replaced by its keyed hash, as kept for audit.</summary>
/// <param name="Text">The text: byte for byte as received except for the replaced values.</param>
/// <param name="Withheld">
/// How many places looked like a patient reference without a value that could be located for sure (text that is not
/// JSON): each was dropped with what follows it instead of being kept. 0 when the text needed no such guess.
/// </param>
public sealed record RedactedText(string Text, int Withheld);
