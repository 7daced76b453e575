using System.Globalization;
using System.Text;

namespace EvalReports.Summaries;

/// <summary>
/// Unicode-aware word breaking without allocations: a word is a run of letters, digits and combining marks
/// (an apostrophe between letters stays inside it: "don't"). Words are lowercased (invariant) into the caller's buffer
/// and cut at <see cref="MaxWordLength"/> characters. Scripts written without spaces (Chinese, Japanese) have no words
/// to find, so a run of Han, Hiragana or Katakana comes out as overlapping character bigrams ("危険です" → "危険",
/// "険で", "です"), the usual way to index them; a lone such character is a token of its own.
/// <see cref="Start"/> and <see cref="End"/> give where the current token is in the text.
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
    private bool _insideIdeographs;

    public Tokenizer(ReadOnlySpan<char> text, Span<char> buffer)
    {
        if (buffer.Length < BufferLength) throw new ArgumentException($"The buffer needs {BufferLength} characters.", nameof(buffer));
        _text = text;
        _buffer = buffer;
        _position = 0;
        _length = 0;
        _insideIdeographs = false;
        Start = 0;
        End = 0;
    }

    /// <summary>The current word, lowercased.</summary>
    public readonly ReadOnlySpan<char> Current => _buffer[.._length];

    /// <summary>Offset of the current token's first character in the text.</summary>
    public int Start { get; private set; }

    /// <summary>Offset just past the current token's last character in the text.</summary>
    public int End { get; private set; }

    public bool MoveNext()
    {
        var text = _text;
        var position = _position;

        if (_insideIdeographs)
        {
            // The previous token was a bigram starting one character before position: continue the run, if it goes on.
            var width = Decode(text, position, out _);
            if (IdeographAt(text, position + width, out var nextWidth))
            {
                return Bigram(position, width, nextWidth);
            }
            _insideIdeographs = false;
            position += width;
        }

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
            Start = End = position;
            return false;
        }

        if (IdeographAt(text, position, out var firstWidth))
        {
            if (IdeographAt(text, position + firstWidth, out var secondWidth)) return Bigram(position, firstWidth, secondWidth);
            text.Slice(position, firstWidth).CopyTo(_buffer);
            _length = firstWidth;
            Start = position;
            End = _position = position + firstWidth;
            return true;
        }

        var start = position;
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
            if (IsWordRune(rune) && !IsIdeograph(rune))
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
        Start = start;
        End = position;
        return true;
    }

    private bool Bigram(int position, int firstWidth, int secondWidth)
    {
        _text.Slice(position, firstWidth + secondWidth).CopyTo(_buffer);
        _length = firstWidth + secondWidth;
        Start = position;
        End = position + firstWidth + secondWidth;
        _position = position + firstWidth;
        _insideIdeographs = true;
        return true;
    }

    /// <summary>True for letters, digits and combining marks.</summary>
    public static bool IsWordRune(Rune rune)
    {
        if (Rune.IsLetterOrDigit(rune)) return true;
        var category = Rune.GetUnicodeCategory(rune);
        return category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;
    }

    /// <summary>Han, Hiragana and Katakana: scripts written without spaces between words.</summary>
    public static bool IsIdeograph(Rune rune)
    {
        var v = rune.Value;
        return v is (>= 0x3040 and <= 0x30FF) or (>= 0x31F0 and <= 0x31FF) or (>= 0x3400 and <= 0x4DBF) or (>= 0x4E00 and <= 0x9FFF)
            or (>= 0xF900 and <= 0xFAFF) or (>= 0xFF66 and <= 0xFF9F) or (>= 0x20000 and <= 0x3FFFF);
    }

    private static bool IdeographAt(ReadOnlySpan<char> text, int position, out int width)
    {
        width = 0;
        if (position >= text.Length || text[position] < 0x3040) return false;
        width = Decode(text, position, out var rune);
        return IsIdeograph(rune);
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
