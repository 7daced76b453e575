using EvalReports.Errors;
using Microsoft.Extensions.Primitives;

namespace EvalReports.Idempotency;

/// <summary>The <c>Idempotency-Key</c> request header: optional; when sent, 1–255 printable ASCII characters.</summary>
public static class IdempotencyKey
{
    public const string Header = "Idempotency-Key";
    public const int MaxLength = 255;

    public static string? From(StringValues values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var key = values.Count == 1 ? values[0] : null;
        if (key is not { Length: > 0 and <= MaxLength } || key.Any(c => c is < ' ' or > '~'))
        {
            throw new ApiException(422, "validation.invalid_request",
                $"Send one {Header} header of 1-{MaxLength} printable ASCII characters.",
                new Dictionary<string, object?> { ["field"] = Header });
        }

        return key;
    }
}
