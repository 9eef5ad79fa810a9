using System.Collections.Generic;
using Microsoft.Azure.Functions.Worker;

namespace InfusionAudit.Functions.Tests.Worker;

/// <summary>
/// The part of a function invocation's context the worker's activator reads: the invocation's services. The rest
/// belongs to the gRPC host and is not there.
/// </summary>
internal sealed class InvocationContext(IServiceProvider services) : FunctionContext
{
    public override string InvocationId { get; } = Guid.NewGuid().ToString();

    public override string FunctionId => throw new NotSupportedException();

    public override TraceContext TraceContext => throw new NotSupportedException();

    public override BindingContext BindingContext => throw new NotSupportedException();

    public override RetryContext RetryContext => throw new NotSupportedException();

    public override IServiceProvider InstanceServices { get; set; } = services;

    public override FunctionDefinition FunctionDefinition => throw new NotSupportedException();

    public override IDictionary<object, object> Items { get; set; } = new Dictionary<object, object>();

    public override IInvocationFeatures Features => throw new NotSupportedException();
}
