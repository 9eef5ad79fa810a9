using System.Globalization;
using InfusionAudit.Domain.Findings;

namespace InfusionAudit.Domain.Rules;

/// <summary><c>PROTOCOL-UNKNOWN</c>: the named protocol (or pinned version) is not in the library, or is for another route.</summary>
internal sealed class ProtocolUnknownRule : ISessionRule
{
    public void Evaluate(RuleContext context)
    {
        var start = context.Start;
        if (start is null || context.Resolution == ProtocolResolution.Resolved)
        {
            return;
        }

        var trigger = context.Timeline.StartIndex;
        switch (context.Resolution)
        {
            case ProtocolResolution.UnknownId:
                context.ReportUnjudged(
                    RuleIds.ProtocolUnknown, Severity.Critical, start.ProtocolId, null, trigger,
                    $"protocol \"{start.ProtocolId}\" is not in the protocol library: no dose or rate check can run");
                break;
            case ProtocolResolution.VersionMissing:
                context.ReportUnjudged(
                    RuleIds.ProtocolUnknown, Severity.Critical, start.ProtocolId, null, trigger,
                    $"protocol \"{start.ProtocolId}\" has no version pinned for this evaluation in the library: no dose or rate check can run");
                break;
            case ProtocolResolution.RouteMismatch:
                context.ReportUnjudged(
                    RuleIds.ProtocolUnknown, Severity.Critical, start.ProtocolId, context.Thresholds.Version, trigger,
                    string.Create(CultureInfo.InvariantCulture,
                        $"protocol \"{start.ProtocolId}\" v{context.Thresholds.Version} is for route {context.Thresholds.Route}, the session is {start.Route}: no dose or rate check can run"));
                break;
        }
    }
}
