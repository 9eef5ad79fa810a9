namespace InfusionAudit.Testing;

/// <summary>One local host shared by the tests of a class (starting a host costs about a second).</summary>
public sealed class HostFixture : IAsyncLifetime
{
    public TestHost Host { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Host = await TestHost.StartAsync();

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();
}
