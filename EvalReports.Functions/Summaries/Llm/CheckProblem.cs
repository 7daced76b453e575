namespace EvalReports.Summaries.Llm;

/// <summary>
/// Why a draft was rejected. <see cref="Reason"/> is written by code and never quotes the answer (it is what logs and
/// exceptions carry); <see cref="Sentence"/> is the answer's own sentence the reason is about, sent back to the model
/// inside a data block on its retry.
/// </summary>
public sealed record CheckProblem(string Reason, string? Sentence = null)
{
    public static implicit operator CheckProblem(string reason) => new(reason);

    public override string ToString() => Reason;
}
