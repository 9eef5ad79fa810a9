using System.Globalization;
using InfusionAudit.Simulator.Cli;
using InfusionAudit.Testing;

namespace InfusionAudit.Simulator.Tests.Cli;

/// <summary><c>--device-format hl7</c> on the commands that send, against the real local host (HTTP and its MLLP listener).</summary>
public sealed class Hl7SimulatorCliTests
{
    [Fact]
    public async Task SimulateOverMllpAndLoadOverHttpSendThePumpsAndMonitorsAsHl7AndCountTheAcks()
    {
        var (host, port) = await TestHost.StartWithMllpAsync();
        await using var _ = host;
        var url = host.BaseAddress.ToString();
        var tag = Guid.NewGuid().ToString("N")[..6];

        var simulated = await SimulatorCliTests.RunAsync(
            "simulate", "--clinic", "cm" + tag, "--sessions", "4", "--transport", "mllp", "--device-format", "hl7", "--mllp-port", port.ToString(CultureInfo.InvariantCulture),
            "--url", url, "--key", TestKeys.Producer);

        simulated.Exit.ShouldBe(ExitCodes.Success, simulated.Output + simulated.Error);
        simulated.Output.ShouldContain($"mllp://127.0.0.1:{port}");
        simulated.Output.ShouldMatch(@"(?s).*\brejected\s*\|\s*0\s*\|.*", "every ACK CA, as every event of a clean day is valid");

        var loaded = await SimulatorCliTests.RunAsync(
            "load", "--events", "300", "--clinic", "lh" + tag, "--transport", "http", "--device-format", "hl7", "--url", url, "--key", TestKeys.Producer, "--read-key", TestKeys.Auditor);

        loaded.Exit.ShouldBe(ExitCodes.Success, loaded.Output + loaded.Error);
        loaded.Output.ShouldContain("pumps and monitors in HL7");
    }

    [Theory]
    [InlineData("queue", "hl7", "--device-format hl7 needs --transport http or mllp")]
    [InlineData("mllp", "json", "--transport mllp carries HL7")]
    public async Task AnImpossibleTransportAndFormatIsRefusedWithExitCode2(string transport, string format, string why)
    {
        var result = await SimulatorCliTests.RunAsync("simulate", "--transport", transport, "--device-format", format, "--url", "http://127.0.0.1:9");

        result.Exit.ShouldBe(ExitCodes.InvalidInput);
        result.Error.ShouldContain(why);
    }
}
