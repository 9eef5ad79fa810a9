namespace InfusionAudit.Integration.Tests.Infrastructure;

/// <summary>Polls what a background worker (queue trigger, alert timer) produces until it is there or time runs out.</summary>
public static class Eventually
{
    /// <summary>Reads every 100 ms until <paramref name="done"/> holds or the timeout (30 s unless given) passes; returns the last value read.</summary>
    public static async Task<T> Until<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan? timeout = null)
    {
        var deadline = DateTimeOffset.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var value = await read();
            if (done(value) || DateTimeOffset.UtcNow > deadline)
            {
                return value;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>
    /// Like <see cref="Until{T}"/>, but a timeout fails the test with <paramref name="what"/> and the last value read,
    /// so a scenario that never recovers cannot pass by running out of time.
    /// </summary>
    public static async Task<T> Require<T>(string what, Func<Task<T>> read, Func<T, bool> done, TimeSpan timeout, Func<T, string>? describe = null)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        T value;
        while (!done(value = await read()))
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"{what}: not reached within {timeout.TotalSeconds:0} s; last value read: {(describe is null ? value?.ToString() : describe(value))}");
            }

            await Task.Delay(200, TestContext.Current.CancellationToken);
        }

        return value;
    }
}
