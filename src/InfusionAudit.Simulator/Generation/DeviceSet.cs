namespace InfusionAudit.Simulator.Generation;

// The devices of one treatment chair. Each session is recorded by the devices of its chair, so device counters
// (and therefore event ids) grow through the day like a real device's would.
internal sealed record DeviceSet(string Pump, string Monitor, string Tablet)
{
    public static DeviceSet ForChair(string clinicId, int chair)
    {
        var number = chair.ToString(chair < 100 ? "D2" : "D3", System.Globalization.CultureInfo.InvariantCulture);
        return new DeviceSet($"{clinicId}-pump-{number}", $"{clinicId}-mon-{number}", $"{clinicId}-tab-{number}");
    }
}
