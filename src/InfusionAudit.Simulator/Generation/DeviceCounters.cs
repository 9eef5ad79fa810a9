using System.Globalization;

namespace InfusionAudit.Simulator.Generation;

// Event ids follow "{deviceId}-{n}" where n is the device's own counter, stamped with the seed and the day: a device's
// ids grow with time, and two different simulated days (another seed or date) never reuse an id for other content.
internal sealed class DeviceCounters(string idPrefix, int seed, DateTimeOffset day)
{
    private readonly Dictionary<string, long> _counters = new(StringComparer.Ordinal);
    private readonly string _stamp = string.Create(
        CultureInfo.InvariantCulture, $"{seed}-{day.UtcDateTime.ToString("yyMMdd", CultureInfo.InvariantCulture)}");

    public string NextEventId(string deviceId)
    {
        var next = _counters.GetValueOrDefault(deviceId) + 1;
        _counters[deviceId] = next;
        return string.Create(CultureInfo.InvariantCulture, $"{idPrefix}{deviceId}-{_stamp}{next:D5}");
    }
}
