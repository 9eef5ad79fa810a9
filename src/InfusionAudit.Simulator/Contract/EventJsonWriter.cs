using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace InfusionAudit.Simulator.Contract;

/// <summary>Writes <see cref="EventEnvelope"/>s as the compact JSON objects of the device event contract.</summary>
public static class EventJsonWriter
{
    /// <summary>The <c>occurredAt</c> format: RFC 3339, UTC, whole seconds, as real devices send it.</summary>
    public const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    /// <summary>Formats a device timestamp the way the contract's example does.</summary>
    public static string FormatTimestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture);

    /// <summary>Writes one event object.</summary>
    public static string Write(EventEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("schemaVersion", envelope.SchemaVersion);
            if (envelope.EventId is not null)
            {
                writer.WriteString("eventId", envelope.EventId);
            }

            writer.WriteString("type", envelope.Type);
            writer.WriteString("sessionId", envelope.SessionId);
            writer.WriteString("clinicId", envelope.ClinicId);
            writer.WriteString("deviceId", envelope.DeviceId);
            writer.WriteNumber("sequence", envelope.Sequence);
            writer.WriteString("occurredAt", FormatTimestamp(envelope.OccurredAt));
            writer.WritePropertyName("payload");
            envelope.Payload.WriteTo(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
