namespace InfusionAudit.Domain.Tests.Builders;

/// <summary>The device ids of the multi-device sessions (issue 10, item 7): a pump, a monitor and a tablet.</summary>
internal static class DeviceIds
{
    internal const string Pump = "pump-17";

    internal const string Monitor = "mon-03";

    internal const string Tablet = "tab-03";
}
