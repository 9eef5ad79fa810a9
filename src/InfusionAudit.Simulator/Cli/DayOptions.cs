using System.CommandLine;
using InfusionAudit.Simulator.Generation;

namespace InfusionAudit.Simulator.Cli;

/// <summary>The options that describe a simulated clinic day (<c>simulate</c> and <c>generate</c>).</summary>
public sealed class DayOptions
{
    /// <summary>Clinic id.</summary>
    public Option<string> Clinic { get; } = new("--clinic")
    {
        Description = "Clinic id; also the stem of device and session ids.",
        DefaultValueFactory = _ => "abq-01",
    };

    /// <summary>Session count.</summary>
    public Option<int> Sessions { get; } = new("--sessions")
    {
        Description = "Number of treatment sessions.",
        DefaultValueFactory = _ => 12,
    };

    /// <summary>Seed.</summary>
    public Option<int> Seed { get; } = new("--seed")
    {
        Description = "Seed: the same seed and options give the same events, byte for byte.",
        DefaultValueFactory = _ => 42,
    };

    /// <summary>Start of the day.</summary>
    public Option<DateTimeOffset?> Start { get; } = StartTimeOption.Create("When the first chair opens (RFC 3339; default: yesterday 08:00 UTC).");

    /// <summary>Chair count.</summary>
    public Option<int> Chairs { get; } = new("--chairs")
    {
        Description = "Treatment chairs working in parallel (each has a pump, a monitor and a tablet).",
        DefaultValueFactory = _ => 6,
    };

    /// <summary>Monitor streaming interval.</summary>
    public Option<int?> MonitorEvery { get; } = MonitorEveryOption.Create();

    /// <summary>Include faults.</summary>
    public Option<bool> Faults { get; } = new("--faults")
    {
        Description = "Mix in the faulty scenarios (clinical faults and transport faults).",
    };

    /// <summary>Explicit mix.</summary>
    public Option<string?> Scenarios { get; } = new("--scenarios")
    {
        Description = "Explicit scenario weights, e.g. StandardIv=6,Intranasal=3,WrongRate=1 (overrides --faults); names without weights (WrongRate,FastInfusion) play each at least once, the first sessions in order. Scenarios: "
            + string.Join(", ", Enum.GetNames<Scenario>()) + ".",
    };

    /// <summary>Id prefix.</summary>
    public Option<string?> RunId { get; } = new("--run-id")
    {
        Description = "Prefix for session, event and patient ids, to send the same day again as new data (default: none, so a resend is deduplicated); a '.' separates it from the id unless it ends in . _ : or -.",
    };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Add(Clinic);
        command.Add(Sessions);
        command.Add(Seed);
        command.Add(Start);
        command.Add(Chairs);
        command.Add(MonitorEvery);
        command.Add(Faults);
        command.Add(Scenarios);
        command.Add(RunId);
    }

    /// <summary>Builds the generator's options; throws <see cref="ArgumentException"/> or <see cref="FormatException"/> on unusable values.</summary>
    public ClinicDayOptions Resolve(ParseResult result, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(result);
        var scenarios = result.GetValue(Scenarios);
        var mix = !string.IsNullOrWhiteSpace(scenarios) ? ScenarioMix.Parse(scenarios)
            : result.GetValue(Faults) ? ScenarioMix.WithFaults
            : ScenarioMix.Clinical;
        var options = new ClinicDayOptions
        {
            ClinicId = result.GetValue(Clinic) ?? "abq-01",
            Start = result.GetValue(Start) ?? StartTimeOption.DefaultDayStart(time),
            Seed = result.GetValue(Seed),
            // Names without weights are each played once: a default session count smaller than the list grows to it.
            Sessions = mix.EachAtLeastOnce && result.GetResult(Sessions) is null or { Implicit: true } ? Math.Max(result.GetValue(Sessions), mix.Weights.Count) : result.GetValue(Sessions),
            Chairs = ChairsOption.Check(result.GetValue(Chairs)),
            Mix = mix,
            IdPrefix = result.GetValue(RunId) ?? "",
            MonitorEvery = MonitorEveryOption.Resolve(result.GetValue(MonitorEvery)),
        };
        options.Validate();
        return options;
    }
}
