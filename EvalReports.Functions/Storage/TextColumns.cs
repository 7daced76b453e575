using System.Text;
using Azure.Data.Tables;

namespace EvalReports.Storage;

/// <summary>
/// Stores a long string across several string properties of one entity (<c>Name</c>, <c>Name_1</c>, …),
/// because a Table property holds at most 64 KB (and Azurite at most 32,768 chars).
/// </summary>
public static class TextColumns
{
    public const int ChunkChars = 32_000;

    /// <summary>The most chunks one entity carries, keeping it well under the 1 MiB entity limit.</summary>
    public const int MaxChunksPerEntity = 14;

    public static void Write(TableEntity entity, string name, string? text)
    {
        if (text is null)
        {
            return;
        }

        var chunks = Split(text);
        if (chunks.Count > MaxChunksPerEntity)
        {
            throw new RowTooLargeException($"{name} is longer than the {MaxChunksPerEntity * ChunkChars:N0} characters a row can hold.");
        }

        for (var i = 0; i < chunks.Count; i++)
        {
            entity[i == 0 ? name : $"{name}_{i}"] = chunks[i];
        }
    }

    /// <summary>Every property name a text of that name may use, for selecting only those columns in a query.</summary>
    public static IEnumerable<string> ColumnNames(string name) =>
        Enumerable.Range(0, MaxChunksPerEntity).Select(i => i == 0 ? name : $"{name}_{i}");

    public static string? Read(TableEntity entity, string name)
    {
        if (entity.GetString(name) is not { } first)
        {
            return null;
        }

        if (!entity.ContainsKey(name + "_1"))
        {
            return first;
        }

        var builder = new StringBuilder(first);
        for (var i = 1; entity.GetString($"{name}_{i}") is { } next; i++)
        {
            builder.Append(next);
        }

        return builder.ToString();
    }

    /// <summary>Splits text into chunks of at most <see cref="ChunkChars"/>, never between a surrogate pair.</summary>
    public static List<string> Split(string text)
    {
        var chunks = new List<string>(text.Length / ChunkChars + 1);
        var start = 0;
        do
        {
            var length = Math.Min(ChunkChars, text.Length - start);
            if (start + length < text.Length && char.IsHighSurrogate(text[start + length - 1]))
            {
                length--;
            }

            chunks.Add(text.Substring(start, length));
            start += length;
        }
        while (start < text.Length);
        return chunks;
    }
}
