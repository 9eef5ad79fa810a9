using System.Text.Json;
using InfusionAudit.Application.Sessions;
using InfusionAudit.Domain.Protocols;
using InfusionAudit.Domain.Rems;
using InfusionAudit.Domain.Sessions;
using InfusionAudit.Application.Ports.Audit;
using InfusionAudit.Application.Ports.Indexes;
using InfusionAudit.Application.Ports.Sessions;

namespace InfusionAudit.Application.Audit;

/// <summary>
/// The esketamine REMS Patient Monitoring Form (issue 13): one session's, from its partition (one request), and a
/// clinic's over a range of session dates for submission, found by the clinic index (whose rows mark the sessions the
/// form applies to) and then read session by session. The form itself is assembled by the domain
/// (<see cref="RemsMonitoringFormAssembler"/>) against the protocol version the session was judged with.
/// </summary>
public sealed class RemsFormHandler(ISessionStore sessions, IClinicSessionIndex index, ProtocolLibrary protocols)
{
    /// <summary>Session partitions read at once by an export.</summary>
    private const int ParallelReads = 8;

    private const int RowsPerRequest = 1000;

    /// <summary>The session's form, a reason it has none, or null when the clinic has no such session.</summary>
    public async Task<RemsFormAnswer?> GetAsync(string clinicId, string sessionId, CancellationToken cancellationToken)
    {
        var partition = await sessions.LoadAsync(clinicId, sessionId, cancellationToken);
        return partition.State is null ? null : Answer(partition);
    }

    /// <summary>The forms of the clinic's sessions whose session date lies in <paramref name="range"/>.</summary>
    public async Task<RemsFormExport> ExportAsync(string clinicId, DateRange range, CancellationToken cancellationToken)
    {
        var rows = new List<ClinicSessionRow>();
        var requests = 0;
        StorageCursor? cursor = null;
        do
        {
            var page = await index.ListPageAsync(clinicId, range.From, range.To, new SessionListFilter(), cursor, RowsPerRequest, cancellationToken);
            rows.AddRange(page.Rows.Where(r => r.RemsMissing is not null || RemsMonitoringFormAssembler.AppliesTo(r.ProtocolId is { } id ? protocols.Find(id, r.ProtocolVersion) : null)));
            requests += page.Requests;
            cursor = page.Next;
        }
        while (cursor is not null);

        var forms = new RemsMonitoringForm?[rows.Count];
        await Parallel.ForAsync(0, rows.Count, new ParallelOptions { MaxDegreeOfParallelism = ParallelReads, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            var partition = await sessions.LoadAsync(clinicId, rows[i].SessionId, ct);
            forms[i] = partition.State is null ? null : Answer(partition).Form;
        });
        return new RemsFormExport([.. forms.OfType<RemsMonitoringForm>()], requests + rows.Count);
    }

    private RemsFormAnswer Answer(SessionPartition partition)
    {
        var state = JsonSerializer.Deserialize<SessionState>(partition.State!.StateJson, JsonDefaults.Options)!;
        var protocol = state.ProtocolId is { } id && state.ProtocolVersion is { } version ? protocols.Find(id, version) : null;
        if (!RemsMonitoringFormAssembler.AppliesTo(protocol))
        {
            var judged = protocol is null ? "no known protocol (yet)" : $"protocol {protocol.Id} v{protocol.Version}";
            return new RemsFormAnswer(null, $"The REMS Patient Monitoring Form applies only to intranasal esketamine sessions; session {state.SessionId} was judged against {judged}.");
        }

        var events = StoredEventRows.Parse(partition.Events);
        return new RemsFormAnswer(RemsMonitoringFormAssembler.Assemble(state, events, protocol!), null);
    }
}
