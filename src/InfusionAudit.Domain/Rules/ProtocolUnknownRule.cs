using System.Globalization;
using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Protocols;

namespace InfusionAudit.Domain.Rules;

/// <summary>
/// <c>PROTOCOL-UNKNOWN</c>: the named protocol (or pinned version) is not in the library, or is for another route.
/// An id that is not in the library is never echoed (<see cref="ProtocolIds.Unknown"/>).
/// </summary>
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
                // The claimed id is producer free text (a patient reference, in the worst case) and this finding pages
                // people: it is named only by its length; the stored SessionStarted event keeps it for the audit.
                context.ReportUnjudged(
                    RuleIds.ProtocolUnknown, Severity.Critical, ProtocolIds.Unknown, null, trigger,
                    string.Create(CultureInfo.InvariantCulture,
                        $"the session's protocol id ({start.ProtocolId.Length} characters, see its SessionStarted event) is not in the protocol library: no dose or rate check can run"));
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
