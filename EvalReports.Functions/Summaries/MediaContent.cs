using System.Text.Json.Nodes;
using EvalReports.Contracts;

namespace EvalReports.Summaries;

/// <summary>
/// Tells image, video, audio and other file responses from text ones. They are described ("an image", "a video"),
/// never quoted: their content is a file reference (ids, storage URLs with org ids), which is noise and a leak.
/// </summary>
internal static class MediaContent
{
    /// <summary>"image", "video", "audio", "file", or null for a text response.</summary>
    /// <param name="evalModality">The eval's modality as <see cref="Declared"/> reads it (once per run).</param>
    public static string? Kind(ScoredResponse response, string? evalModality)
    {
        var declared = Normalize(response.ContentType) ?? evalModality;
        switch (response.Content)
        {
            case JsonObject file when file.ContainsKey("file_uuid") || file.ContainsKey("remote_file_path") || file.ContainsKey("url") || file.ContainsKey("file_url"):
                return declared ?? Normalize(file["type"]?.GetValueKind() == System.Text.Json.JsonValueKind.String ? file["type"]!.GetValue<string>() : null)
                    ?? FromPath(file["remote_file_path"] ?? file["url"] ?? file["file_url"]) ?? "file";
            case JsonValue value when value.TryGetValue<string>(out var text):
                if (declared is not null && LooksLikeReference(text)) return declared;
                return null;
            case null:
                return null;
            default:
                return declared;
        }
    }

    /// <summary>The eval's modality as a kind ("image", …), or null.</summary>
    public static string? Declared(Eval? evaluation) => Normalize(evaluation?.Modality);

    /// <summary>"an image", "a video", "an audio clip", "a file".</summary>
    public static string Described(string kind) => kind switch
    {
        "image" => "an image",
        "video" => "a video",
        "audio" => "an audio clip",
        _ => "a file",
    };

    private static string? Normalize(string? type)
    {
        if (string.IsNullOrWhiteSpace(type)) return null;
        var t = type.Trim().ToLowerInvariant();
        if (t.StartsWith("image", StringComparison.Ordinal)) return "image";
        if (t.StartsWith("video", StringComparison.Ordinal)) return "video";
        if (t.StartsWith("audio", StringComparison.Ordinal)) return "audio";
        if (t is "file" or "document" or "application/pdf") return "file";
        return null;
    }

    private static bool LooksLikeReference(string text)
    {
        var t = text.AsSpan().Trim();
        return t.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || t.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ||
               t.StartsWith("s3://", StringComparison.OrdinalIgnoreCase) || t.StartsWith("gs://", StringComparison.OrdinalIgnoreCase) ||
               t.StartsWith("data:", StringComparison.OrdinalIgnoreCase) || (t.Length > 0 && t[0] == '{');
    }

    private static string? FromPath(JsonNode? path)
    {
        if (path is not JsonValue v || !v.TryGetValue<string>(out var text)) return null;
        var ext = Path.GetExtension(text.Split('?')[0]).ToLowerInvariant();
        return ext switch
        {
            ".png" or ".jpg" or ".jpeg" or ".gif" or ".webp" => "image",
            ".mp4" or ".mov" or ".webm" => "video",
            ".mp3" or ".wav" or ".m4a" => "audio",
            _ => null,
        };
    }
}
