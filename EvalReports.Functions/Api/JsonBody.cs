using System.Text.Json;
using EvalReports.Contracts;
using EvalReports.Errors;

namespace EvalReports.Api;

/// <summary>Reads a request body: not JSON is 400 invalid_format; JSON of the wrong shape is 422 invalid_request.</summary>
public static class JsonBody
{
    /// <summary>
    /// Deserializes straight from the body as it arrives (no copy of the whole body): syntax errors (including
    /// nesting past 64 and an empty body) are 400, a well-formed body of the wrong shape is 422 naming the field.
    /// </summary>
    public static async Task<T> ParseAsync<T>(Stream body, CancellationToken ct)
        where T : class
    {
        try
        {
            return await JsonSerializer.DeserializeAsync<T>(body, Json.Options, ct)
                ?? throw ApiErrors.InvalidRequest("The request body must be a JSON object.");
        }
        catch (JsonException e) when (e.InnerException is JsonException)
        {
            // The reader's own exception (a JsonException) inside: the text is not JSON.
            throw ApiErrors.InvalidFormat("The request body is not valid JSON.");
        }
        catch (JsonException e)
        {
            var field = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? null : e.Path.TrimStart('$', '.');
            throw ApiErrors.InvalidRequest(
                field is null ? "The request body must be a JSON object." : $"The field '{field}' has a value of the wrong type.",
                field);
        }
    }

    public static T Parse<T>(string body)
        where T : class
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException)
        {
            throw ApiErrors.InvalidFormat("The request body is not valid JSON.");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw ApiErrors.InvalidRequest("The request body must be a JSON object.");
            }

            try
            {
                return document.RootElement.Deserialize<T>(Json.Options)
                    ?? throw ApiErrors.InvalidRequest("The request body must be a JSON object.");
            }
            catch (JsonException e)
            {
                var field = string.IsNullOrEmpty(e.Path) ? null : e.Path.TrimStart('$', '.');
                throw ApiErrors.InvalidRequest(
                    field is null ? "The request body has a value of the wrong type." : $"The field '{field}' has a value of the wrong type.",
                    field);
            }
        }
    }
}
