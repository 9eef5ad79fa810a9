namespace InfusionAudit.Application.Security;

/// <summary>What a caller may do. Admin may do everything.</summary>
public enum CallerRole
{
    /// <summary>A device or gateway: may post events.</summary>
    Producer,

    /// <summary>The on-call clinician: alerts, and the sessions behind them.</summary>
    OnCall,

    /// <summary>The compliance auditor: reads everything.</summary>
    Auditor,

    /// <summary>Operations: everything, including diagnostics, silences and the protocol library.</summary>
    Admin,
}
