namespace EvalReports.Summaries.Llm;

/// <summary>
/// A secret setting (an API key). Its <see cref="ToString"/> never shows the value, so logging the settings record
/// (records print every property) cannot leak it; only <see cref="Reveal"/> gives it out.
/// </summary>
public sealed class SecretText(string value)
{
    public string Reveal() => value;

    public override string ToString() => "(secret)";
}
