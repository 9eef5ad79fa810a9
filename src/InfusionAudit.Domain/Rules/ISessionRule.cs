namespace InfusionAudit.Domain.Rules;

/// <summary>One rule or small rule family of the catalogue, judged over the folded timeline.</summary>
internal interface ISessionRule
{
    void Evaluate(RuleContext context);
}
