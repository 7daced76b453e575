using Microsoft.ML.Tokenizers;

namespace EvalReports.Summaries.Llm;

/// <summary>
/// Counts tokens with the real o200k_base tokenizer (GPT-4o family). Other models tokenize a little differently,
/// so budgets keep a margin (<see cref="PerMessageOverhead"/> and the answer reserve).
/// </summary>
public static class TokenCounter
{
    /// <summary>Tokens the chat format adds around each message (role, separators).</summary>
    public const int PerMessageOverhead = 8;

    private static readonly Lazy<Microsoft.ML.Tokenizers.Tokenizer> O200k = new(() => TiktokenTokenizer.CreateForEncoding("o200k_base"));

    public static int Count(string text) => string.IsNullOrEmpty(text) ? 0 : O200k.Value.CountTokens(text);

    public static int Count(IEnumerable<Microsoft.Extensions.AI.ChatMessage> messages) =>
        messages.Sum(message => Count(message.Text) + PerMessageOverhead);
}
