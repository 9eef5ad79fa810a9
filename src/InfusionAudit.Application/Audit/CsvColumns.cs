namespace InfusionAudit.Application.Audit;

/// <summary>How a list row becomes a CSV line: the header names and the cells, in the same order.</summary>
public sealed record CsvColumns<T>(IReadOnlyList<string> Headers, Func<T, IReadOnlyList<object?>> Cells);
