using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using Microsoft.Azure.WebJobs.Host;

namespace InfusionAudit.LocalHost.Hosting;

/// <summary>
/// Applies the root <c>host.json</c> (the single source of host settings) to the WebJobs SDK, the way the Functions
/// host applies it: <c>extensions.queues</c> to the queue trigger.
/// </summary>
internal static class HostJson
{
    public static JsonObject Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"host.json not found at {path}; the local host reads the same file as the Functions host.", path);
        }

        return JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })?.AsObject()
            ?? throw new InvalidOperationException($"{path} is empty.");
    }

    public static void ApplyQueues(JsonObject hostJson, QueuesOptions options)
    {
        if (hostJson["extensions"]?["queues"] is not JsonObject queues)
        {
            return;
        }

        foreach (var (name, value) in queues)
        {
            if (value is null)
            {
                continue;
            }

            switch (name.ToLowerInvariant())
            {
                case "batchsize": options.BatchSize = value.GetValue<int>(); break;
                case "newbatchthreshold": options.NewBatchThreshold = value.GetValue<int>(); break;
                case "maxdequeuecount": options.MaxDequeueCount = value.GetValue<int>(); break;
                case "maxpollinginterval": options.MaxPollingInterval = TimeSpan.Parse(value.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture); break;
                case "visibilitytimeout": options.VisibilityTimeout = TimeSpan.Parse(value.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture); break;
                case "messageencoding":
                    options.MessageEncoding = string.Equals(value.GetValue<string>(), "none", StringComparison.OrdinalIgnoreCase) ? QueueMessageEncoding.None : QueueMessageEncoding.Base64;
                    break;
                default:
                    throw new InvalidOperationException($"host.json extensions.queues.{name} is not a setting the local host knows; remove it or teach HostJson about it.");
            }
        }
    }
}
