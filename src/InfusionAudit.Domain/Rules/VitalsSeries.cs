using InfusionAudit.Domain.Contract;
using InfusionAudit.Domain.Protocols;
using InfusionAudit.Domain.Sessions;

namespace InfusionAudit.Domain.Rules;

/// <summary>
/// One vital sign's judged readings in timeline order: each <c>VitalsRecorded</c> whose measure is present and plausible,
/// and, for a low-limit rule (<see cref="Low"/>), one below the physiological floor that a second such reading confirms
/// (<see cref="VitalsReading.ForLowLimit"/>, with its evidence note). A struct enumerator: a rule's walk allocates nothing.
/// </summary>
internal ref struct VitalsSeries
{
    private readonly ReadOnlySpan<TimelineEntry> entries;
    private readonly VitalsThresholds thresholds;
    private readonly VitalMeasure measure;
    private readonly bool confirmBelowFloor;
    private int index;

    private VitalsSeries(RuleContext context, VitalMeasure measure, bool confirmBelowFloor)
    {
        entries = context.Timeline.Entries;
        thresholds = context.Thresholds.Vitals;
        this.measure = measure;
        this.confirmBelowFloor = confirmBelowFloor;
        index = -1;
    }

    public VitalSample Current { get; private set; }

    /// <summary>The plausible readings, for a rule with an upper limit or on plausible values only.</summary>
    public static VitalsSeries Plausible(RuleContext context, VitalMeasure measure) => new(context, measure, confirmBelowFloor: false);

    /// <summary>The plausible readings and the confirmed ones below the floor, for a rule with a lower limit.</summary>
    public static VitalsSeries Low(RuleContext context, VitalMeasure measure) => new(context, measure, confirmBelowFloor: true);

    public readonly VitalsSeries GetEnumerator() => this;

    public bool MoveNext()
    {
        while (++index < entries.Length)
        {
            if (entries[index].Event.Payload is not VitalsRecordedPayload vitals)
            {
                continue;
            }

            var usable = measure.Usable(VitalsReading.Of(vitals, thresholds.Plausible));
            var note = "";
            var value = confirmBelowFloor
                ? VitalsReading.ForLowLimit(entries, index, usable, measure.Raw, measure.Plausible(thresholds.Plausible).Min, measure.Unit, thresholds.BelowFloorConfirmWithin, out note)
                : usable;
            if (!double.IsNaN(value))
            {
                Current = new VitalSample(index, entries[index].Event.EventId, value, note);
                return true;
            }
        }

        return false;
    }
}
