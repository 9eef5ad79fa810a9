using InfusionAudit.Application.Audit;
using InfusionAudit.Application.Ports.Audit;

namespace InfusionAudit.Http.Audit;

/// <summary>
/// The paging of one audit list request (<see cref="PageTokenCodec.ReadPage"/>): rows per page, the answer's format,
/// where the previous page stopped, and the query's fingerprint that the next page's token is bound to.
/// </summary>
public sealed record AuditListPage(int Take, AuditFormat Format, StorageCursor? Cursor, string Fingerprint);
