namespace InfusionAudit.Simulator.Terminal;

/// <summary>Shows the progress of a long step: a live bar on a terminal, periodic plain lines in logs and CI.</summary>
public interface IProgressDisplay
{
    /// <summary>Runs <paramref name="work"/>, which reports how many of <paramref name="total"/> units are done.</summary>
    Task<T> RunAsync<T>(string title, long total, Func<IProgress<long>, Task<T>> work);
}
