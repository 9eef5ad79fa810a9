namespace InfusionAudit.Infrastructure.Tests.Telemetry;

/// <summary>
/// The app's meter and activity source are process-wide: tests that count exported telemetry run alone, after the
/// parallel tests, so no other host's events land in their numbers.
/// </summary>
[CollectionDefinition(nameof(TelemetryCollection), DisableParallelization = true)]
public sealed class TelemetryCollection;
