using System.Reflection;
using System.Reflection.Emit;
using System.Text.Json.Nodes;
using InfusionAudit.Application.Security;
using InfusionAudit.Functions.Functions;
using InfusionAudit.Http;
using InfusionAudit.Http.Security;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace InfusionAudit.Functions.Tests;

/// <summary>
/// The Functions app keeps its trigger attributes (the isolated worker reads them), so they are held here to the one
/// route table (<see cref="RouteTable"/>): one function per route that the app serves, the same method and template
/// under the host's route prefix, and the function dispatches that very route.
/// </summary>
public sealed class HttpFunctionRouteTests(FunctionServices services) : IClassFixture<FunctionServices>
{
    private static readonly IReadOnlyList<HttpFunction> Functions = FindHttpFunctions();

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void TheRoutePrefixIsTheApiPrefixTheTableTemplatesStartWith()
    {
        var prefix = RoutePrefix();

        prefix.ShouldBe("api");
        RouteTable.All.Where(r => !r.LocalHostOnly).ShouldAllBe(r => r.Template.StartsWith("/" + prefix + "/", StringComparison.Ordinal));
    }

    [Fact]
    public void EveryTableRouteHasExactlyOneFunctionAndEveryFunctionExactlyOneTableRoute()
    {
        var served = RouteTable.All.Where(r => !r.LocalHostOnly).ToList();

        Functions.Count.ShouldBeGreaterThan(0);
        foreach (var function in Functions)
        {
            function.Trigger.Methods.ShouldNotBeNull(function.Name);
            function.Trigger.Methods.Length.ShouldBe(1, $"{function.Name}: one method per function, as in the table");
            function.Trigger.AuthLevel.ShouldBe(AuthorizationLevel.Anonymous, $"{function.Name}: keys and roles are checked by the RouteDispatcher");
            served.Count(r => Serves(function, r)).ShouldBe(1, $"{function.Name} ({function.Method} {function.Template}): table routes with its method and template");
        }

        foreach (var route in served)
        {
            Functions.Count(f => Serves(f, route)).ShouldBe(1, $"{route.Name} ({route.Method} {route.Template}): functions serving it");
        }

        RouteTable.All.Select(r => $"{r.Method} {r.Template}").ShouldBeUnique();
        RouteTable.All.Select(r => r.Name).ShouldBeUnique();
    }

    [Fact]
    public void EveryFunctionDispatchesTheTableRouteOfItsOwnMethodAndTemplateWithItsPathValues()
    {
        var fields = typeof(RouteTable).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(HttpRoute))
            .ToDictionary(f => f, f => (HttpRoute)f.GetValue(null)!);
        fields.Values.ShouldBe(RouteTable.All, ignoreOrder: true);

        foreach (var function in Functions)
        {
            var (loadedFields, strings) = ReadBody(function.Member);
            var loaded = loadedFields.Where(fields.ContainsKey).Select(f => fields[f]).ToList();
            var route = loaded.ShouldHaveSingleItem($"{function.Name}: RouteTable routes its body loads");
            Serves(function, route).ShouldBeTrue($"{function.Name} ({function.Method} {function.Template}) dispatches {route.Name} ({route.Method} {route.Template})");

            // The path values are passed by name: the names must be the template's, bound from the trigger's parameters.
            var templateParameters = RoutePatternFactory.Parse(route.Template).Parameters.Select(p => p.Name).ToList();
            strings.ShouldBe(templateParameters, ignoreOrder: true, $"{function.Name}: path value names");
            function.Member.GetParameters().Where(p => p.ParameterType == typeof(string)).Select(p => p.Name)
                .ShouldBe(templateParameters, ignoreOrder: true, $"{function.Name}: bound path parameters");
        }
    }

    [Fact]
    public async Task EveryFunctionChecksTheRolesOfItsTableRoute()
    {
        var keys = new Dictionary<CallerRole, string> { [CallerRole.Producer] = FunctionServices.ProducerKey, [CallerRole.Auditor] = FunctionServices.AuditorKey };

        foreach (var function in Functions)
        {
            var route = RouteTable.All.Single(r => !r.LocalHostOnly && Serves(function, r));

            var anonymous = await InvokeAsync(function, key: null);
            if (route.Roles is not { } roles)
            {
                // Anonymous: answered by the route itself, never refused (readiness may say 503: these tests create no queues).
                route.Responses.Select(r => r.Status).ShouldContain(anonymous.Status, function.Name);
                anonymous.Status.ShouldNotBeOneOf([401, 403], function.Name);
                continue;
            }

            anonymous.Status.ShouldBe(401, function.Name);
            foreach (var outsider in keys.Keys.Where(r => !roles.Contains(r)))
            {
                var refused = await InvokeAsync(function, keys[outsider]);
                refused.Status.ShouldBe(403, $"{function.Name} with a {outsider} key");
                var named = string.Join(", ", roles.Append(CallerRole.Admin).Distinct());
                JsonNode.Parse(refused.Body)!["detail"]!.GetValue<string>().ShouldBe($"This route needs one of the roles: {named}.", function.Name);
            }
        }
    }

    private async Task<(int Status, string Body)> InvokeAsync(HttpFunction function, string? key)
    {
        var context = FunctionRequests.Create(services.Provider, function.Method, body: null, key);
        var instance = ActivatorUtilities.CreateInstance(services.Provider, function.Member.DeclaringType!);
        var arguments = function.Member.GetParameters().Select(p => p.ParameterType switch
        {
            var t when t == typeof(CancellationToken) => (object)Ct,
            var t when t == typeof(string) => "fr-probe",
            _ => context.Request,
        }).ToArray();

        await (Task)function.Member.Invoke(instance, arguments)!;
        return (context.Response.StatusCode, FunctionRequests.ResponseText(context));
    }

    private static bool Serves(HttpFunction function, HttpRoute route) =>
        route.Method == function.Method && route.Template == function.Template;

    /// <summary>extensions.http.routePrefix of the host.json the app deploys with; the Functions default is "api".</summary>
    private static string RoutePrefix()
    {
        var hostJson = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "host.json")))!;
        return hostJson["extensions"]?["http"]?["routePrefix"]?.GetValue<string>() ?? "api";
    }

    private static List<HttpFunction> FindHttpFunctions()
    {
        var prefix = RoutePrefix();
        return typeof(HealthFunction).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Select(m => (Member: m, Name: m.GetCustomAttribute<FunctionAttribute>()?.Name, Trigger: m.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).OfType<HttpTriggerAttribute>().FirstOrDefault()))
            .Where(f => f.Name is not null && f.Trigger is not null)
            .Select(f => new HttpFunction(f.Name!, f.Member, f.Trigger!, (f.Trigger!.Methods?.FirstOrDefault() ?? "").ToUpperInvariant(), $"/{prefix}/{f.Trigger.Route}"))
            .ToList();
    }

    /// <summary>
    /// The static fields and string literals a method body loads. A function's body is one call to the dispatcher;
    /// which <see cref="RouteTable"/> field it passes is only visible in its IL.
    /// </summary>
    private static (List<FieldInfo> Fields, List<string> Strings) ReadBody(MethodInfo method)
    {
        var il = method.GetMethodBody()!.GetILAsByteArray()!;
        var fields = new List<FieldInfo>();
        var strings = new List<string>();
        for (var i = 0; i < il.Length;)
        {
            var code = il[i] == 0xFE ? OpCodesByValue[unchecked((short)(0xFE00 | il[i + 1]))] : OpCodesByValue[il[i]];
            i += code.Size;
            var token = code.OperandType is OperandType.InlineField or OperandType.InlineString ? BitConverter.ToInt32(il, i) : 0;
            if (code == OpCodes.Ldsfld)
            {
                fields.Add(method.Module.ResolveField(token)!);
            }
            else if (code == OpCodes.Ldstr)
            {
                strings.Add(method.Module.ResolveString(token));
            }

            i += code.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, i)),
                _ => 4,
            };
        }

        return (fields, strings);
    }

    private sealed record HttpFunction(string Name, MethodInfo Member, HttpTriggerAttribute Trigger, string Method, string Template);
}
