namespace InfusionAudit.Application.Sessions;

/// <summary>The session id is held by another clinic: the write stops before anything is stored and is redone there.</summary>
internal sealed class SessionClaimedElsewhereException(string sessionId, string ownerClinicId)
    : Exception($"Session {sessionId} belongs to clinic {ownerClinicId}.")
{
    public string OwnerClinicId { get; } = ownerClinicId;
}
