using System.Collections;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;

namespace InfusionAudit.Testing;

/// <summary>
/// Polls what a background worker (queue trigger, alert timer) produces until it is there. Running out of time fails
/// the test with what was awaited and the last value read: a state that never comes can never pass as "waited enough".
/// </summary>
public static class Eventually
{
    private const int MaxDescription = 2000;

    /// <summary>
    /// Reads every 100 ms until <paramref name="done"/> holds and returns that value; throws <see cref="TimeoutException"/>
    /// (naming the condition and the last value read) when the timeout (30 s unless given) passes first.
    /// </summary>
    public static Task<T> Until<T>(
        Func<Task<T>> read,
        Func<T, bool> done,
        TimeSpan? timeout = null,
        Func<T, string>? describe = null,
        [CallerArgumentExpression(nameof(done))] string what = "")
        => Poll(what, read, done, timeout ?? TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(100), describe);

    /// <summary>Like <see cref="Until{T}"/>, with the awaited state named by the caller and a 200 ms poll.</summary>
    public static Task<T> Require<T>(string what, Func<Task<T>> read, Func<T, bool> done, TimeSpan timeout, Func<T, string>? describe = null) =>
        Poll(what, read, done, timeout, TimeSpan.FromMilliseconds(200), describe);

    /// <summary>The text a timeout shows for a value: JSON as JSON, a collection with its count and items, the rest by ToString.</summary>
    public static string Describe(object? value)
    {
        var text = value switch
        {
            null => "null",
            string s => s,
            JsonNode node => node.ToJsonString(),
            IEnumerable items => $"{items.Cast<object?>().Count()} item(s): [{string.Join(", ", items.Cast<object?>().Select(Describe))}]",
            _ => value.ToString() ?? "",
        };
        return text.Length <= MaxDescription ? text : text[..MaxDescription] + "…";
    }

    private static async Task<T> Poll<T>(string what, Func<Task<T>> read, Func<T, bool> done, TimeSpan timeout, TimeSpan every, Func<T, string>? describe)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        T value;
        while (!done(value = await read()))
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"{what}: not reached within {timeout.TotalSeconds:0.#} s; last value read: {(describe is null ? Describe(value) : describe(value))}");
            }

            await Task.Delay(every, TestContext.Current.CancellationToken);
        }

        return value;
    }
}
