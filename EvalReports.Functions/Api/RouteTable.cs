using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace EvalReports.Api;

/// <summary>
/// Every HTTP route of the app with its methods, read from the [Function]/[HttpTrigger] attributes (what the
/// worker SDK writes into functions.metadata for the host), so the catch-all can tell "no such path" (404) from
/// "this path, another method" (405 with Allow).
/// </summary>
public static class RouteTable
{
    public sealed record Route(string Function, string Template, IReadOnlyList<string> Methods)
    {
        internal string[] Segments { get; } = Template.Trim('/').Split('/');
    }

    public static IReadOnlyList<Route> All { get; } = Read(typeof(RouteTable).Assembly);

    /// <summary>The methods other routes serve on this path (empty: no route has this path), in a stable order.</summary>
    public static IReadOnlyList<string> MethodsFor(string path, string excludeFunction)
    {
        var segments = path.Trim('/').Split('/');
        return All
            .Where(r => r.Function != excludeFunction && Matches(r.Segments, segments))
            .SelectMany(r => r.Methods)
            .Distinct(StringComparer.Ordinal)
            .OrderBy(m => m, StringComparer.Ordinal)
            .ToList();
    }

    private static bool Matches(string[] template, string[] path)
    {
        for (var i = 0; i < template.Length; i++)
        {
            if (template[i].StartsWith("{*", StringComparison.Ordinal))
            {
                return true;
            }

            if (i >= path.Length)
            {
                return false;
            }

            var isParameter = template[i].StartsWith('{') && template[i].EndsWith('}');
            if (isParameter ? path[i].Length == 0 : !string.Equals(template[i], path[i], StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return template.Length == path.Length;
    }

    private static List<Route> Read(Assembly assembly) =>
        [.. from type in assembly.GetTypes()
            from method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)
            let function = method.GetCustomAttribute<FunctionAttribute>()
            where function is not null
            from parameter in method.GetParameters()
            let trigger = parameter.GetCustomAttribute<HttpTriggerAttribute>()
            where trigger is not null
            select new Route(
                function.Name,
                trigger.Route ?? function.Name,
                (trigger.Methods ?? []).Select(m => m.ToUpperInvariant()).ToList())];
}
