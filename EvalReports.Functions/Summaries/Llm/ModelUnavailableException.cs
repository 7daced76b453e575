namespace EvalReports.Summaries.Llm;

/// <summary>The model could not be reached or kept failing within the retry budget; the run falls back to embedded.</summary>
public sealed class ModelUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
