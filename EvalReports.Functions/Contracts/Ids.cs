using System.Buffers;
using EvalReports.Errors;

namespace EvalReports.Contracts;

/// <summary>
/// Every id that reaches a table key passes through here first: 1–128 characters of letters, digits and
/// <c>. _ : -</c>, starting with a letter or digit (so no quotes, slashes, '#', '?', or control characters).
/// </summary>
public static class Ids
{
    private static readonly SearchValues<char> Allowed =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._:-");

    public static bool IsValid(string? id) =>
        id is { Length: > 0 and <= 128 } && char.IsAsciiLetterOrDigit(id[0]) && !id.AsSpan().ContainsAnyExcept(Allowed);

    public static string Require(string? id, string field) =>
        IsValid(id) ? id! : throw ApiErrors.InvalidRequest($"{field} must be 1-128 characters of letters, digits, '.', '_', ':' or '-'.", field);

    /// <summary>Ids in a URL path: an invalid one cannot name anything, so it is simply not found.</summary>
    public static string RequireInPath(string? id, string what) =>
        IsValid(id) ? id! : throw ApiErrors.NotFound($"{what} not found.");

    public static string NewUuid() => Guid.NewGuid().ToString();
}
