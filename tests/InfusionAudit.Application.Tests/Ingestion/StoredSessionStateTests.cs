using System.Text;
using System.Text.Json.Nodes;
using InfusionAudit.Application.Sessions;
using InfusionAudit.Domain.Sessions;

namespace InfusionAudit.Application.Tests.Ingestion;

/// <summary>The stored state stays far below a table entity's 1 MiB whatever the number of rate changes or devices.</summary>
public sealed class StoredSessionStateTests
{
    [Fact]
    public void TwentyThousandRateSegmentsAndAThousandDevicesStoreTheFirstAndLastSegmentsAndCountTheRest()
    {
        var start = new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
        var segments = Enumerable.Range(0, 20_000)
            .Select(i => new RateSegment(start.AddSeconds(i), start.AddSeconds(i + 1), $"pump-000000000000017-e{i}", 52.5, RateUnit.MillilitresPerHour, 52.5, 0.75, 52.5))
            .ToList();
        var devices = Enumerable.Range(0, 1000).Select(i => $"device-{i:D58}").ToList();
        var state = new SessionState
        {
            SessionId = "S-large",
            ClinicId = "abq-01",
            DeviceIds = devices,
            Status = SessionStatus.Running,
            RateSegments = segments,
            RunningTimeMin = 333.3,
            PausedTimeMin = 0,
            PauseCount = 0,
            DiscreteDoseCount = 0,
            DiscreteDoseMg = 0,
            FirstOccurredAt = start,
            LastOccurredAt = start.AddSeconds(20_000),
            FirstReceivedAt = start,
            LastEventReceivedAt = start.AddSeconds(20_000),
            LastSequence = 20_000,
            EventCount = 20_001,
            MissingSequenceNumbers = [],
            MissingSequenceCount = 0,
        };

        var json = StoredSessionState.Serialize(state);

        Encoding.UTF8.GetByteCount(json).ShouldBeLessThan(256 * 1024);
        var stored = JsonNode.Parse(json)!;
        var kept = stored["rateSegments"]!.AsArray();
        kept.Count.ShouldBe(StoredSessionState.MaxListedRateSegments);
        kept[0]!["rateEventId"]!.GetValue<string>().ShouldBe("pump-000000000000017-e0");
        kept[^1]!["rateEventId"]!.GetValue<string>().ShouldBe("pump-000000000000017-e19999");
        stored["rateSegmentsOmitted"]!.GetValue<int>().ShouldBe(20_000 - StoredSessionState.MaxListedRateSegments);
        stored["deviceIds"]!.AsArray().Count.ShouldBe(StoredSessionState.MaxListedDevices);
        stored["deviceIdsOmitted"]!.GetValue<int>().ShouldBe(900);
        stored["runningTimeMin"]!.GetValue<double>().ShouldBe(333.3);
    }

    [Fact]
    public void AnOrdinarySessionIsStoredInFull()
    {
        var start = new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
        var state = new SessionState
        {
            SessionId = "S-small",
            ClinicId = "abq-01",
            DeviceIds = ["pump-17"],
            Status = SessionStatus.Running,
            RateSegments = [new RateSegment(start, null, "e1", 52.5, RateUnit.MillilitresPerHour, 52.5, 0.75, 52.5)],
            RunningTimeMin = 1,
            PausedTimeMin = 0,
            PauseCount = 0,
            DiscreteDoseCount = 0,
            DiscreteDoseMg = 0,
            FirstOccurredAt = start,
            LastOccurredAt = start,
            FirstReceivedAt = start,
            LastEventReceivedAt = start,
            LastSequence = 1,
            EventCount = 2,
            MissingSequenceNumbers = [],
            MissingSequenceCount = 0,
        };

        var stored = JsonNode.Parse(StoredSessionState.Serialize(state))!.AsObject();

        stored["rateSegments"]!.AsArray().Count.ShouldBe(1);
        stored.ContainsKey("rateSegmentsOmitted").ShouldBeFalse();
    }
}
