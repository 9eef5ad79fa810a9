namespace InfusionAudit.Simulator.Generation;

/// <summary>What kind of session the generator plays; names are accepted on the command line (<c>--scenarios</c>).</summary>
public enum Scenario
{
    /// <summary>Ketamine IV 0.5 mg/kg over 40 min, pump at the exact expected rate: should raise no warning.</summary>
    StandardIv,

    /// <summary>Esketamine nasal spray, 28 mg devices 5 min apart, 2 h observation: should raise no warning.</summary>
    Intranasal,

    /// <summary>Ketamine SC 0.25 mg/kg, one injection: should raise no warning.</summary>
    Subcutaneous,

    /// <summary>IV pump programmed at twice the expected rate: over-delivery while the infusion runs.</summary>
    WrongRate,

    /// <summary>IV pump at four times the expected rate: the whole dose in 10 minutes, stopped, session ended <c>other</c>.</summary>
    FastInfusion,

    /// <summary>IV session with two readings at or above 180/110, 5 min apart: critical blood pressure, session stopped.</summary>
    HypertensiveCrisis,

    /// <summary>IV session with a severe loss of consciousness: infusion stopped, session ended for the adverse effect.</summary>
    SevereAdverseEffect,

    /// <summary>IV session whose pump total disagrees with its rate history.</summary>
    PumpMismatch,

    /// <summary>IV session paused for more than 10 minutes.</summary>
    LongPause,

    /// <summary>Intranasal session ended well before the 2-hour observation.</summary>
    ShortObservation,

    /// <summary>A clean session some of whose events the gateway sends twice.</summary>
    Duplicates,

    /// <summary>A clean session whose events the gateway forwards out of order (delayed start, jittered uploads).</summary>
    Reordering,

    /// <summary>A clean IV session plus events that break the contract: missing eventId, negative weight, unknown type, rate "fast".</summary>
    BadFields,

    /// <summary>IV pump programmed correctly, then the chair's link is lost while it runs: nothing more arrives, no stop, no end.</summary>
    PumpRunsOn,

    /// <summary>IV session whose pump clock was reset to 1970: its rates and totals are dated 1970 but arrive live.</summary>
    PumpClock1970,

    /// <summary>
    /// A clean IV session completed normally whose last minutes show a critical desaturation: the critical alert must
    /// stay open after the normal end until a person acknowledges it.
    /// </summary>
    CriticalAtCompletion,

    /// <summary>
    /// Two IV sessions of one patient less than 24 h apart, the later one (this session) arriving first: the gateway
    /// forwards the earlier one only after the later ended. The later is judged again when the earlier arrives.
    /// </summary>
    LaterSessionFirst,
}
