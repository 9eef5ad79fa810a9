namespace InfusionAudit.Domain.Contract;

/// <summary>The first contract rule an event breaks, before the event id is attached.</summary>
internal readonly record struct Violation(string Field, string Rule, string Message);
