using InfusionAudit.Domain.Contract;
using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Protocols;
using InfusionAudit.Domain.Sessions;

namespace InfusionAudit.Domain.Rules;

/// <summary>What a rule reads (timeline, protocol, history, evaluation time) and where it reports.</summary>
internal sealed class RuleContext
{
    private List<Finding>? findings;
    private List<RuleNotEvaluated>? notEvaluated;
    private List<SequenceHole>? holes;

    public RuleContext(
        SessionTimeline timeline,
        SequenceGaps gaps,
        string sessionId,
        string clinicId,
        ProtocolDefinition? protocol,
        ProtocolDefinition thresholds,
        ProtocolResolution resolution,
        PatientHistory history,
        DateTimeOffset asOf)
    {
        Timeline = timeline;
        Gaps = gaps;
        SessionId = sessionId;
        ClinicId = clinicId;
        Protocol = protocol;
        Thresholds = thresholds;
        Resolution = resolution;
        History = history;
        AsOf = asOf;
    }

    public SessionTimeline Timeline { get; }

    public SequenceGaps Gaps { get; }

    public string SessionId { get; }

    public string ClinicId { get; }

    /// <summary>The session's protocol when it resolved (same route); dose, rate and duration rules run only then.</summary>
    public ProtocolDefinition? Protocol { get; }

    /// <summary>The protocol whose vitals, timing and integrity thresholds apply: the session's own, or the library's fallback.</summary>
    public ProtocolDefinition Thresholds { get; }

    public ProtocolResolution Resolution { get; }

    public PatientHistory History { get; }

    public DateTimeOffset AsOf { get; }

    public SessionStartedPayload? Start => Timeline.Start;

    public double? PrescribedMg => Timeline.PrescribedMg;

    public double? PrescribedMgPerKg => Timeline.PrescribedMgPerKg;

    public IReadOnlyList<Finding> Findings => findings ?? (IReadOnlyList<Finding>)[];

    /// <summary>The rules that said they could not run, by rule id (the first reason given for a rule is kept).</summary>
    public IReadOnlyList<RuleNotEvaluated> RulesNotEvaluated
    {
        get
        {
            if (notEvaluated is null)
            {
                return [];
            }

            notEvaluated.Sort(static (x, y) => string.CompareOrdinal(x.RuleId, y.RuleId));
            return notEvaluated;
        }
    }

    /// <summary>Records that <paramref name="ruleId"/> could not judge the session; the response lists it with the reason.</summary>
    public void NotEvaluated(string ruleId, string reason)
    {
        notEvaluated ??= [];
        foreach (var known in notEvaluated)
        {
            if (known.RuleId == ruleId)
            {
                return;
            }
        }

        notEvaluated.Add(new RuleNotEvaluated(ruleId, reason));
    }

    public ref readonly TimelineEntry Entry(int index) => ref Timeline.Entries[index];

    /// <summary>Reports a finding shown by the event at <paramref name="triggerIndex"/> (detected at its receive time).</summary>
    public void Report(
        string ruleId,
        Severity severity,
        ProtocolDefinition judgedBy,
        string episodeKey,
        int triggerIndex,
        string evidence,
        params ReadOnlySpan<(string Key, double Value)> values)
        => AddTriggered(ruleId, severity, judgedBy, episodeKey, triggerIndex, evidence, values, wholeStream: false);

    /// <summary>
    /// Reports a finding shown by the event at <paramref name="triggerIndex"/> whose verdict is on the whole stream (the
    /// rate history as a whole): every missing number counts toward its mark, not only those that may precede the trigger.
    /// </summary>
    public void ReportOnWholeStream(
        string ruleId,
        Severity severity,
        ProtocolDefinition judgedBy,
        string episodeKey,
        int triggerIndex,
        string evidence,
        params ReadOnlySpan<(string Key, double Value)> values)
        => AddTriggered(ruleId, severity, judgedBy, episodeKey, triggerIndex, evidence, values, wholeStream: true);

    /// <summary>Reports a timer finding, detected at the instant its condition became true.</summary>
    public void ReportTimer(
        string ruleId,
        Severity severity,
        ProtocolDefinition judgedBy,
        string episodeKey,
        DateTimeOffset detectedAt,
        string evidence,
        params ReadOnlySpan<(string Key, double Value)> values) =>
        Add(ruleId, severity, judgedBy.Id, judgedBy.Version, episodeKey, evidence, values, -1, null, detectedAt);

    /// <summary>Reports a finding with an explicit protocol identity (for <c>PROTOCOL-UNKNOWN</c>).</summary>
    public void ReportUnjudged(
        string ruleId,
        Severity severity,
        string protocolId,
        int? protocolVersion,
        int triggerIndex,
        string evidence,
        params ReadOnlySpan<(string Key, double Value)> values)
    {
        ref readonly var trigger = ref Entry(triggerIndex);
        Add(ruleId, severity, protocolId, protocolVersion, "", evidence, values, triggerIndex, trigger.Event.EventId, trigger.ReceivedAt);
    }

    private void AddTriggered(
        string ruleId,
        Severity severity,
        ProtocolDefinition judgedBy,
        string episodeKey,
        int triggerIndex,
        string evidence,
        ReadOnlySpan<(string Key, double Value)> values,
        bool wholeStream)
    {
        ref readonly var trigger = ref Entry(triggerIndex);
        Add(ruleId, severity, judgedBy.Id, judgedBy.Version, episodeKey, evidence, values, triggerIndex, trigger.Event.EventId, trigger.ReceivedAt, wholeStream);
    }

    private void Add(
        string ruleId,
        Severity severity,
        string protocolId,
        int? protocolVersion,
        string episodeKey,
        string evidence,
        ReadOnlySpan<(string Key, double Value)> values,
        int triggerIndex,
        string? triggerEventId,
        DateTimeOffset detectedAt,
        bool wholeStream = false)
    {
        var evidenceValues = new Dictionary<string, double>(values.Length, StringComparer.Ordinal);
        foreach (var (key, value) in values)
        {
            // An absent measure (NaN) is left out: JSON has no NaN and the key's absence says it plainly.
            if (double.IsFinite(value))
            {
                evidenceValues[key] = value;
            }
        }

        // A session without holes (the fast path) pays one comparison here.
        if (Gaps.MissingCount > 0 && ruleId != RuleIds.SeqGap && MissingBefore(wholeStream ? -1 : triggerIndex) is > 0 and var missing)
        {
            evidenceValues[Finding.EventsMissingKey] = missing;
            evidence = $"{evidence} (judged with {missing} {(missing == 1 ? "event" : "events")} missing)";
        }

        (findings ??= []).Add(new Finding(
            ruleId, severity, SessionId, ClinicId, protocolId, protocolVersion, episodeKey, evidence, evidenceValues,
            triggerEventId, detectedAt.ToUniversalTime()));
    }

    /// <summary>
    /// The events the finding may have been judged without: the missing numbers that may precede the trigger at
    /// <paramref name="triggerIndex"/> (see <see cref="SequenceHole.Precedes"/>), or every missing number for a timer
    /// finding (-1), which judges the whole stream as of now.
    /// </summary>
    private long MissingBefore(int triggerIndex)
    {
        if (triggerIndex < 0)
        {
            return Gaps.MissingCount;
        }

        holes ??= Gaps.Holes(Timeline.Entries);
        ref readonly var trigger = ref Entry(triggerIndex);
        long missing = 0;
        foreach (var hole in holes)
        {
            if (hole.Precedes(in trigger))
            {
                missing += hole.Missing;
            }
        }

        return missing;
    }
}
