using System.Text.Json;
using EvalReports.Contracts;

namespace EvalReports.Api;

/// <summary>Reads a request body: not JSON is 400 invalid_format; JSON of the wrong shape is 422 invalid_request.</summary>
public static class JsonBody
{
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
