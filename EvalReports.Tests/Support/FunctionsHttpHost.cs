using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EvalReports.Tests.Support;

/// <summary>
/// Real HTTP on 127.0.0.1 to the app's HTTP functions, routed the way the Functions host routes them: every route
/// template, method and entry point is read from the built <c>functions.metadata</c> (what the host reads), matched
/// by <see cref="FunctionRouter"/> (first match in function-name order, as the host does), and the [Function] method
/// is invoked with the request, its route values and the Durable client, as the worker's ASP.NET Core integration
/// does. Its result runs as an MVC action result. Kestrel's body limit is the app's, as in the worker (Program.cs).
/// What it does not do: the host's admin-key check on admin routes (like <c>func start</c> locally, it lets them
/// through); a URL that no function takes gets a bare 404, as from the host.
/// </summary>
public sealed class FunctionsHttpHost : IAsyncDisposable
{
    private readonly WebApplication web;

    private FunctionsHttpHost(WebApplication web, Uri address)
    {
        this.web = web;
        Address = address;
    }

    public Uri Address { get; }

    public int Port => Address.Port;

    public static async Task<FunctionsHttpHost> StartAsync(TestApp app, DurableTaskClient durable)
    {
        var builder = WebApplication.CreateSlimBuilder();
        var limits = app.Get<EvalReportsLimits>();
        builder.WebHost.UseKestrel(k =>
        {
            k.Listen(System.Net.IPAddress.Loopback, 0);
            Api.WorkerLimits.Apply(k, limits);
        });
        builder.Logging.ClearProviders();
        builder.Services.AddMvcCore();
        builder.Services.AddRouting();
        var web = builder.Build();
        var router = new FunctionRouter(HttpFunctions());
        var targets = HttpFunctions().ToDictionary(f => f.Name, f =>
        {
            var method = EntryPoint(f.EntryPoint);
            return (Target: ActivatorUtilities.GetServiceOrCreateInstance(app.Services, method.DeclaringType!), Method: method);
        });
        web.Run(async context =>
        {
            if (router.Match(context.Request.Method, context.Request.Path) is not { } match)
            {
                context.Response.StatusCode = 404;
                return;
            }

            context.Request.RouteValues = match.Values;
            var (target, method) = targets[match.Function.Name];
            await InvokeAsync(context, target, method, durable);
        });

        await web.StartAsync();
        var address = web.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new FunctionsHttpHost(web, new Uri(address));
    }

    public HttpClient CreateClient() => new() { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };

    public async ValueTask DisposeAsync()
    {
        await web.StopAsync();
        await web.DisposeAsync();
    }

    public sealed record HttpFunction(string Name, string Route, string[] Methods, string AuthLevel, string EntryPoint);

    /// <summary>The HTTP-triggered functions as the built worker declares them to the host.</summary>
    public static IReadOnlyList<HttpFunction> HttpFunctions()
    {
        var metadata = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "functions.metadata")))!.AsArray();
        return metadata
            .Select(f => (Function: f!, Trigger: f!["bindings"]!.AsArray().FirstOrDefault(b => b!["type"]!.GetValue<string>() == "httpTrigger")))
            .Where(x => x.Trigger is not null)
            .Select(x => new HttpFunction(
                x.Function["name"]!.GetValue<string>(),
                x.Trigger!["route"]!.GetValue<string>(),
                x.Trigger["methods"]!.AsArray().Select(m => m!.GetValue<string>().ToUpperInvariant()).ToArray(),
                x.Trigger["authLevel"]!.GetValue<string>(),
                x.Function["entryPoint"]!.GetValue<string>()))
            .ToList();
    }

    private static MethodInfo EntryPoint(string entryPoint)
    {
        var split = entryPoint.LastIndexOf('.');
        var type = typeof(Functions.EvalReportsHttp).Assembly.GetType(entryPoint[..split], throwOnError: true)!;
        return type.GetMethod(entryPoint[(split + 1)..], BindingFlags.Public | BindingFlags.Instance)
            ?? throw new InvalidOperationException($"{entryPoint} not found");
    }

    private static async Task InvokeAsync(HttpContext context, object target, MethodInfo method, DurableTaskClient durable)
    {
        var arguments = method.GetParameters().Select(object? (p) => p.ParameterType switch
        {
            var t when t == typeof(HttpRequest) => context.Request,
            var t when t == typeof(DurableTaskClient) => durable,
            var t when t == typeof(string) => context.GetRouteValue(p.Name!) as string,
            var t => throw new InvalidOperationException($"Cannot bind {t.Name} {p.Name} of {method.Name}"),
        }).ToArray();
        var result = await (Task<IActionResult>)method.Invoke(target, arguments)!;
        await result.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
    }
}
