using System.ComponentModel;
using System.Globalization;

namespace EvalReports.Summaries.Llm;

/// <summary>
/// A secret setting (an API key). Its <see cref="ToString"/> never shows the value, so logging the settings record
/// (records print every property) cannot leak it; only <see cref="Reveal"/> gives it out. The configuration binder
/// makes one from the setting's text (<see cref="Converter"/>).
/// </summary>
[TypeConverter(typeof(Converter))]
public sealed class SecretText(string value)
{
    public string Reveal() => value;

    public override string ToString() => "(secret)";

    /// <summary>Text → SecretText for the binder; blank is no secret.</summary>
    public sealed class Converter : TypeConverter
    {
        public override bool CanConvertFrom(ITypeDescriptorContext? context, Type sourceType) => sourceType == typeof(string);

        public override object? ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value) =>
            value is string text && !string.IsNullOrWhiteSpace(text) ? new SecretText(text.Trim()) : null;
    }
}
