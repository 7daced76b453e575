namespace EvalReports.Storage;

/// <summary>Table Storage could not be reached (as opposed to answering with an error).</summary>
public sealed class StorageUnavailableException(string message, Exception inner) : Exception(message, inner);
