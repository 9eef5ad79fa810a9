namespace InfusionAudit.Application.Audit;

/// <summary>
/// The esketamine REMS monitoring forms of the report's sessions (sessions whose protocol carries the form), from the
/// missing fields the writer keeps on each clinic index row.
/// </summary>
/// <param name="Forms">Sessions the form applies to.</param>
/// <param name="Complete">Forms the record fills entirely.</param>
/// <param name="Incomplete">Forms with at least one missing field.</param>
/// <param name="MissingByField">
/// Incomplete forms per missing field, field names as in the form (<c>devices[].lotNumber</c> for any device's lot), in
/// ordinal order.
/// </param>
public sealed record RemsCompleteness(int Forms, int Complete, int Incomplete, IReadOnlyDictionary<string, int> MissingByField);
