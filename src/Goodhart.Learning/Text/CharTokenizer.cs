using System.Text;

namespace Goodhart.Learning.Text;

/// <summary>
/// The policy's character-level tokenizer: a fixed vocabulary of 99 ids, the same on every machine and run.
/// Id 0 is <c>&lt;pad&gt;</c>, 1 <c>&lt;bos&gt;</c> (begins every sequence), 2 <c>&lt;eos&gt;</c> (ends a response),
/// 3 is the newline, and 4..98 are the printable ASCII characters from space (32) to tilde (126) in code order.
/// Encoding any other character throws; decoding skips pad and bos and stops at the first eos.
/// </summary>
public static class CharTokenizer
{
    /// <summary>Padding; never a training target.</summary>
    public const int Pad = 0;

    /// <summary>Beginning of sequence: the first input of every prompt.</summary>
    public const int Bos = 1;

    /// <summary>End of sequence: the last target of every response; sampling stops there.</summary>
    public const int Eos = 2;

    /// <summary>The newline character's id.</summary>
    public const int Newline = 3;

    /// <summary>The id of the space, the first printable ASCII character.</summary>
    public const int FirstPrintable = 4;

    /// <summary>How many ids there are.</summary>
    public const int VocabSize = FirstPrintable + ('~' - ' ' + 1);

    /// <summary>True when <paramref name="c"/> has an id.</summary>
    public static bool CanEncode(char c) => c == '\n' || (c >= ' ' && c <= '~');

    /// <summary>True when every character of <paramref name="text"/> has an id.</summary>
    public static bool CanEncode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var c in text)
        {
            if (!CanEncode(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Null when every character of <paramref name="text"/> has an id; otherwise a sentence naming the first one that
    /// has none and its (zero-based) position, for error messages.
    /// </summary>
    public static string? Unencodable(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        for (var i = 0; i < text.Length; i++)
        {
            if (!CanEncode(text[i]))
            {
                return $"character U+{(int)text[i]:X4} at position {i} is outside the tokenizer's vocabulary (printable ASCII and newline)";
            }
        }

        return null;
    }

    /// <summary>The id of one character.</summary>
    public static int Encode(char c) => c switch
    {
        '\n' => Newline,
        >= ' ' and <= '~' => FirstPrintable + (c - ' '),
        _ => throw new ArgumentException(
            $"Character U+{(int)c:X4} is outside the tokenizer's vocabulary (printable ASCII and newline).", nameof(c)),
    };

    /// <summary>The ids of <paramref name="text"/>, one per character, without bos or eos.</summary>
    public static int[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ids = new int[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            ids[i] = Encode(text[i]);
        }

        return ids;
    }

    /// <summary>The text of <paramref name="ids"/>: pad and bos are skipped; the first eos ends it.</summary>
    public static string Decode(IEnumerable<int> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var text = new StringBuilder();
        foreach (var id in ids)
        {
            if (id == Eos)
            {
                break;
            }

            if (id is Pad or Bos)
            {
                continue;
            }

            text.Append(CharOf(id));
        }

        return text.ToString();
    }

    /// <summary>A readable name for any id: the character itself, or &lt;pad&gt;, &lt;bos&gt;, &lt;eos&gt;.</summary>
    public static string Describe(int id) => id switch
    {
        Pad => "<pad>",
        Bos => "<bos>",
        Eos => "<eos>",
        _ => CharOf(id).ToString(),
    };

    private static char CharOf(int id) => id switch
    {
        Newline => '\n',
        >= FirstPrintable and < VocabSize => (char)(' ' + (id - FirstPrintable)),
        _ => throw new ArgumentOutOfRangeException(nameof(id), id, $"Token ids run from 0 to {VocabSize - 1}."),
    };
}
