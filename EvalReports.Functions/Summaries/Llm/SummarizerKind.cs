using System.ComponentModel;
using System.Globalization;

namespace EvalReports.Summaries.Llm;

/// <summary>The values of EVALREPORTS_SUMMARIZER: "embedded" (also when blank) or "llm", in any case.</summary>
[TypeConverter(typeof(SummarizerKindConverter))]
public enum SummarizerKind
{
    /// <summary>The built-in deterministic summarizer for every run (the default).</summary>
    Embedded,

    /// <summary>A chat model writes each non-sandbox run's prose; the embedded summarizer is its fallback.</summary>
    Llm,
}

/// <summary>Only the two names (not numbers, as the binder's enum conversion would take); the binder names the setting on failure.</summary>
public sealed class SummarizerKindConverter : TypeConverter
{
    public override bool CanConvertFrom(ITypeDescriptorContext? context, Type sourceType) => sourceType == typeof(string);

    public override object ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value) =>
        (value as string)?.Trim().ToLowerInvariant() switch
        {
            null or "" or "embedded" => SummarizerKind.Embedded,
            "llm" => SummarizerKind.Llm,
            var other => throw new FormatException($"EVALREPORTS_SUMMARIZER must be \"embedded\" or \"llm\", not \"{other}\"."),
        };
}
