using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;

namespace EvalReports.Tests.Support;

/// <summary>
/// Picks the function for a request the way the Functions host does (measured on the real host, issue 12): functions
/// sorted by name (ordinal, ignoring case), each route tried in that order, the first whose method and template match
/// wins. Not ASP.NET Core's route precedence: under it, a catch-all would never shadow a literal route, which the
/// host does when the catch-all's name sorts first.
/// </summary>
public sealed class FunctionRouter(IEnumerable<FunctionsHttpHost.HttpFunction> functions)
{
    private readonly List<(FunctionsHttpHost.HttpFunction Function, TemplateMatcher Matcher)> routes = functions
        .OrderBy(f => f.Name, StringComparer.OrdinalIgnoreCase)
        .Select(f => (f, new TemplateMatcher(TemplateParser.Parse(f.Route), new RouteValueDictionary())))
        .ToList();

    public IEnumerable<string> Order => routes.Select(r => r.Function.Name);

    public (FunctionsHttpHost.HttpFunction Function, RouteValueDictionary Values)? Match(string method, PathString path)
    {
        foreach (var (function, matcher) in routes)
        {
            if (!function.Methods.Contains(method, StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            var values = new RouteValueDictionary();
            if (matcher.TryMatch(path, values))
            {
                return (function, values);
            }
        }

        return null;
    }
}
