using EvalReports.Errors;

namespace EvalReports.Api;

/// <summary>Parses the query parameters the API takes, with the contract's bounds.</summary>
public static class QueryParameters
{
    public const int MaxLimit = 100;

    public static (int Limit, int Offset) Paging(string? limit, string? offset)
    {
        var parsedLimit = ParseInt(limit, "limit", MaxLimit);
        var parsedOffset = ParseInt(offset, "offset", 0);
        if (parsedLimit is < 1 or > MaxLimit)
        {
            throw ApiErrors.InvalidRequest($"limit must be between 1 and {MaxLimit}.", "limit");
        }

        if (parsedOffset < 0)
        {
            throw ApiErrors.InvalidRequest("offset must be 0 or more.", "offset");
        }

        return (parsedLimit, parsedOffset);
    }

    public static bool? Boolean(string? value, string name) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "null" => null,
        "true" or "1" => true,
        "false" or "0" => false,
        _ => throw ApiErrors.InvalidRequest($"{name} must be true or false.", name),
    };

    private static int ParseInt(string? value, string name, int fallback)
    {
        if (string.IsNullOrEmpty(value))
        {
            return fallback;
        }

        return int.TryParse(value, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : throw ApiErrors.InvalidRequest($"{name} must be a whole number.", name);
    }
}
