namespace InfusionAudit.Domain.Protocols;

/// <summary>An inclusive range of a protocol limit: values from <paramref name="Min"/> to <paramref name="Max"/> are inside.</summary>
/// <typeparam name="T">The unit type of the limit.</typeparam>
/// <param name="Min">Lowest value inside the range.</param>
/// <param name="Max">Highest value inside the range.</param>
public readonly record struct ValueRange<T>(T Min, T Max);
