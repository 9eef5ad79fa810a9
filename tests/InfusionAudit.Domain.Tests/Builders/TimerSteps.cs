namespace InfusionAudit.Domain.Tests.Builders;

/// <summary>The step past a timer rule's deadline: the boundary instant itself raises nothing, one second later does.</summary>
internal static class TimerSteps
{
    internal static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);
}
