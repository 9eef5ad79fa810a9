using InfusionAudit.Domain.Sessions;
using InfusionAudit.Application.Ports.Sessions;

namespace InfusionAudit.Application.Sessions;

/// <summary>A patient index row as the history rules read it.</summary>
internal static class PatientSessionRowExtensions
{
    public static PriorSession ToPrior(this PatientSessionRow row) =>
        new(row.SessionId, row.StartedAt, row.ProtocolId, row.WeightKg, row.PrescribedMgPerKg, row.DeliveredMgPerKg);
}
