namespace InfusionAudit.Domain.Contract;

/// <summary>Route of administration as the contract spells it.</summary>
public enum Route
{
    /// <summary>Intravenous infusion.</summary>
    IV,

    /// <summary>Subcutaneous injection.</summary>
    SC,

    /// <summary>Intranasal device.</summary>
    IN,

    /// <summary>Intramuscular injection.</summary>
    IM,
}
