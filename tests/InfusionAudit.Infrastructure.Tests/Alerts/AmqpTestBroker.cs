using InfusionAudit.Testing;
using System.Collections.Concurrent;
using Amqp;
using Amqp.Framing;
using Amqp.Listener;
using Amqp.Sasl;
using Amqp.Types;

namespace InfusionAudit.Infrastructure.Tests.Alerts;

/// <summary>
/// An AMQP 1.0 listener inside the test process that the real Service Bus SDK can publish to: it answers the SDK's
/// CBS put-token with status 202, gives the sender link a MaxMessageSize (the SDK sizes batches from it), accepts
/// every transfer and unpacks Service Bus batches (one transfer of format 0x80013700, one Data section per message).
/// </summary>
internal sealed class AmqpTestBroker : IDisposable
{
    public const int MaxMessageSize = 256 * 1024;

    private readonly ContainerHost host;

    public AmqpTestBroker(string entity)
    {
        Port = LoopbackPorts.Free();
        host = new ContainerHost(new Address($"amqp://127.0.0.1:{Port}"));

        // The SDK opens with SASL mechanism MSSBCBS (accept at once: the token comes next, on $cbs).
        host.Listeners[0].SASL.EnableMechanism(new Symbol("MSSBCBS"), new CbsSaslProfile());
        host.RegisterRequestProcessor("$cbs", new CbsProcessor());
        host.RegisterLinkProcessor(new EntityLinkProcessor(entity, this));
        host.Open();
    }

    public int Port { get; }

    /// <summary>What a client of this broker puts in its connection string.</summary>
    public string ConnectionString => $"Endpoint=sb://127.0.0.1:{Port};SharedAccessKeyName=k;SharedAccessKey=x;UseDevelopmentEmulator=true";

    /// <summary>Every message received, batches unpacked, in arrival order.</summary>
    public ConcurrentQueue<Message> Messages { get; } = new();

    /// <summary>How many transfers carried them (a batch is one transfer).</summary>
    public int Transfers => transfers;

    /// <summary>When set, every transfer is rejected with this AMQP error condition.</summary>
    public string? RejectWith { get; set; }

    private int transfers;

    public void Dispose() => host.Close();

    private void Receive(MessageContext context)
    {
        Interlocked.Increment(ref transfers);
        if (RejectWith is { } condition)
        {
            context.Complete(new Error(new Symbol(condition)) { Description = "rejected by the test broker" });
            return;
        }

        var message = context.Message;
        if (message.Format == 0x80013700)
        {
            var sections = message.BodySection switch
            {
                DataList list => Enumerable.Range(0, list.Count).Select(i => list[i]).ToList(),
                Data data => [data],
                _ => [],
            };
            foreach (var section in sections)
            {
                var bytes = section.Binary;
                Messages.Enqueue(Message.Decode(new ByteBuffer(bytes, 0, bytes.Length, bytes.Length)));
            }
        }
        else
        {
            Messages.Enqueue(message);
        }

        context.Complete();
    }


    private sealed class CbsSaslProfile() : SaslProfile(new Symbol("MSSBCBS"))
    {
        protected override DescribedList GetStartCommand(string hostname) => null!;

        protected override DescribedList OnCommand(DescribedList command) => command is SaslInit ? new SaslOutcome { Code = SaslCode.Ok } : null!;

        protected override ITransport UpgradeTransport(ITransport transport) => transport;
    }

    private sealed class CbsProcessor : IRequestProcessor
    {
        public int Credit => 100;

        public void Process(RequestContext requestContext)
        {
            var response = new Message
            {
                Properties = new Properties { CorrelationId = requestContext.Message.Properties.MessageId },
                ApplicationProperties = new ApplicationProperties(),
            };
            response.ApplicationProperties["status-code"] = 202;
            response.ApplicationProperties["status-description"] = "Accepted";
            requestContext.Complete(response);
        }
    }

    private sealed class EntityLinkProcessor(string entity, AmqpTestBroker broker) : ILinkProcessor
    {
        public void Process(AttachContext attachContext)
        {
            // Only the topic's sending links: this broker delivers nothing back.
            var target = (attachContext.Attach.Target as Target)?.Address;
            // The SDK names the target with the full endpoint (amqps://host:port/entity).
            var name = target is null ? null : target[(target.LastIndexOf('/') + 1)..];
            if (attachContext.Attach.Role || !string.Equals(name, entity, StringComparison.OrdinalIgnoreCase))
            {
                attachContext.Complete(new Error(new Symbol("amqp:not-found")) { Description = $"This broker only takes messages for {entity}." });
                return;
            }

            // Without it the SDK reads the default (ulong max) as a negative size and cannot build a batch.
            attachContext.Attach.MaxMessageSize = MaxMessageSize;
            attachContext.Complete(new ReceivingEndpoint(broker), 300);
        }
    }

    private sealed class ReceivingEndpoint(AmqpTestBroker broker) : LinkEndpoint
    {
        public override void OnMessage(MessageContext messageContext) => broker.Receive(messageContext);

        public override void OnFlow(FlowContext flowContext)
        {
        }

        public override void OnDisposition(DispositionContext dispositionContext) => dispositionContext.Complete();
    }
}
