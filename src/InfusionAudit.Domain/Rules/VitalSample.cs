namespace InfusionAudit.Domain.Rules;

/// <summary>A judged reading of <see cref="VitalsSeries"/>: its timeline index and event id, the value, and the evidence note of a confirmed reading below the floor ("" otherwise).</summary>
internal readonly record struct VitalSample(int Index, string EventId, double Value, string BelowFloorNote);
