namespace InfusionAudit.Domain.Rules;

/// <summary>
/// "Consecutive readings beyond a limit are one episode keyed by the first": fed every judged reading in order, it says
/// which reading begins an episode.
/// </summary>
internal struct Episode
{
    private bool inside;

    /// <summary>True when this reading is beyond the limit and the one before was not. Call it for every reading.</summary>
    public bool Begins(bool beyond)
    {
        var begins = beyond && !inside;
        inside = beyond;
        return begins;
    }
}
