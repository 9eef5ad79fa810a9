namespace InfusionAudit.Domain.Protocols;

/// <summary>When a programmed rate counts as deviating from the expected one (file section <c>rateDeviation</c>).</summary>
/// <param name="Percent">Deviation from prescribed dose ÷ planned duration, in percent, that must be exceeded.</param>
/// <param name="ForMoreThan">Running time at a deviating rate that must be exceeded before <c>RATE-DEVIATION</c> fires.</param>
public sealed record RateDeviationThresholds(double Percent, TimeSpan ForMoreThan);
