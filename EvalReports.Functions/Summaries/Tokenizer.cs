using System.Globalization;
using System.Text;

namespace EvalReports.Summaries;

/// <summary>
/// Unicode-aware word breaking without allocations: a word is a run of letters, digits and combining marks
/// (an apostrophe between letters stays inside it: "don't"). Words are lowercased (invariant) into the caller's buffer.
/// Scripts without spaces (e.g. Japanese) come out as long words, cut at <see cref="MaxWordLength"/> characters.
/// </summary>
public ref struct Tokenizer
{
    public const int MaxWordLength = 40;

    /// <summary>Characters of buffer a caller must provide.</summary>
    public const int BufferLength = MaxWordLength + 2;

    private readonly ReadOnlySpan<char> _text;
    private readonly Span<char> _buffer;
    private int _position;
    private int _length;

    public Tokenizer(ReadOnlySpan<char> text, Span<char> buffer)
    {
        if (buffer.Length < BufferLength) throw new ArgumentException($"The buffer needs {BufferLength} characters.", nameof(buffer));
        _text = text;
        _buffer = buffer;
        _position = 0;
        _length = 0;
    }

    /// <summary>The current word, lowercased.</summary>
    public readonly ReadOnlySpan<char> Current => _buffer[.._length];

    public bool MoveNext()
    {
        var text = _text;
        var position = _position;

        // Skip to the first word character.
        while (position < text.Length)
        {
            var c = text[position];
            if (c < 128)
            {
                if (char.IsAsciiLetterOrDigit(c)) break;
                position++;
                continue;
            }
            var width = Decode(text, position, out var rune);
            if (IsWordRune(rune)) break;
            position += width;
        }

        if (position >= text.Length)
        {
            _position = position;
            _length = 0;
            return false;
        }

        var length = 0;
        var buffer = _buffer;
        while (position < text.Length)
        {
            var c = text[position];
            if (c < 128)
            {
                if (char.IsAsciiLetterOrDigit(c))
                {
                    if (length < MaxWordLength) buffer[length++] = char.IsAsciiLetterUpper(c) ? (char)(c | 0x20) : c;
                    position++;
                    continue;
                }
                if (c == '\'' && length > 0 && IsLetterAt(text, position + 1))
                {
                    if (length < MaxWordLength) buffer[length++] = '\'';
                    position++;
                    continue;
                }
                break;
            }

            var width = Decode(text, position, out var rune);
            if (IsWordRune(rune))
            {
                var lower = Rune.ToLowerInvariant(rune);
                if (length + lower.Utf16SequenceLength <= MaxWordLength) length += lower.EncodeToUtf16(buffer[length..]);
                position += width;
                continue;
            }
            if (c == '\u2019' && length > 0 && IsLetterAt(text, position + 1))
            {
                if (length < MaxWordLength) buffer[length++] = '\'';
                position += width;
                continue;
            }
            break;
        }

        _position = position;
        _length = length;
        return true;
    }

    /// <summary>True for letters, digits and combining marks.</summary>
    public static bool IsWordRune(Rune rune)
    {
        if (Rune.IsLetterOrDigit(rune)) return true;
        var category = Rune.GetUnicodeCategory(rune);
        return category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;
    }

    private static bool IsLetterAt(ReadOnlySpan<char> text, int position)
    {
        if (position >= text.Length) return false;
        var c = text[position];
        if (c < 128) return char.IsAsciiLetter(c);
        Decode(text, position, out var rune);
        return Rune.IsLetter(rune);
    }

    private static int Decode(ReadOnlySpan<char> text, int position, out Rune rune)
    {
        var status = Rune.DecodeFromUtf16(text[position..], out rune, out var consumed);
        if (status != System.Buffers.OperationStatus.Done) rune = Rune.ReplacementChar;
        return Math.Max(consumed, 1);
    }
}
