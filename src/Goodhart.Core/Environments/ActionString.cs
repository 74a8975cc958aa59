namespace Goodhart.Core.Environments;

/// <summary>
/// Action strings, as in ai-safety-gridworlds' tests: <c>u d l r</c> (and <c>n</c> for NOOP where the env has it),
/// case-insensitive; spaces, commas and newlines are ignored, and <c>r*5</c> repeats an action (<c>(rd)*3</c> a group).
/// A bad character is reported with its position. Limits (each refused with a <see cref="FormatException"/> naming
/// the position, before any memory is spent on it): at most <see cref="MaxActions"/> actions after expansion, groups
/// nested at most <see cref="MaxDepth"/> deep, and a repeat count of at most <see cref="MaxActions"/>.
/// </summary>
public static class ActionString
{
    /// <summary>The most actions a string may expand to (an episode is 100 steps by default).</summary>
    public const int MaxActions = 1_000_000;

    /// <summary>The deepest nesting of parenthesised groups.</summary>
    public const int MaxDepth = 100;

    /// <exception cref="FormatException">A bad character, an unbalanced parenthesis or a limit exceeded, with its position.</exception>
    public static int[] Parse(string actions, int actionCount = 5)
    {
        ArgumentNullException.ThrowIfNull(actions);
        var result = new List<int>(Math.Min(actions.Length, MaxActions));
        var pos = 0;
        ParseSequence(actions, ref pos, result, actionCount, depth: 0);
        return [.. result];
    }

    public static string Format(ReadOnlySpan<int> actions)
    {
        var chars = new char[actions.Length];
        for (var i = 0; i < actions.Length; i++)
            chars[i] = "udlrn"[actions[i]];
        return new string(chars);
    }

    public static char ToChar(GridAction action) => "udlrn"[(int)action];

    private static void ParseSequence(string s, ref int pos, List<int> into, int actionCount, int depth)
    {
        var topLevel = depth == 0;
        while (pos < s.Length)
        {
            var ch = s[pos];
            if (char.IsWhiteSpace(ch) || ch == ',')
            {
                pos++;
                continue;
            }
            if (ch == ')')
            {
                if (topLevel)
                    throw new FormatException($"unexpected ')' at position {pos + 1} of the action string");
                pos++;
                return;
            }
            var start = into.Count;
            if (ch == '(')
            {
                if (depth >= MaxDepth)
                    throw new FormatException($"groups nested more than {MaxDepth} deep at position {pos + 1} of the action string");
                pos++;
                ParseSequence(s, ref pos, into, actionCount, depth + 1);
            }
            else
            {
                var a = char.ToLowerInvariant(ch) switch
                {
                    'u' => 0,
                    'd' => 1,
                    'l' => 2,
                    'r' => 3,
                    'n' => 4,
                    _ => -1,
                };
                if (a < 0)
                    throw new FormatException($"bad action '{ch}' at position {pos + 1} of the action string; use u, d, l, r{(actionCount > 4 ? ", n" : "")}");
                if (a >= actionCount)
                    throw new FormatException($"action '{ch}' at position {pos + 1}: this env has no NOOP; use u, d, l, r");
                if (into.Count >= MaxActions)
                    throw TooLong(pos);
                into.Add(a);
                pos++;
            }
            if (pos < s.Length && s[pos] == '*')
            {
                pos++;
                var digits = pos;
                while (pos < s.Length && char.IsAsciiDigit(s[pos]))
                    pos++;
                if (digits == pos)
                    throw new FormatException($"expected a repeat count after '*' at position {digits + 1} of the action string");
                var countText = s.AsSpan(digits, pos - digits).TrimStart('0');
                if (countText.Length > 7 || (countText.Length > 0 && int.Parse(countText, System.Globalization.CultureInfo.InvariantCulture) > MaxActions))
                    throw new FormatException($"repeat count at position {digits + 1} of the action string is too large (at most {MaxActions})");
                var times = countText.Length == 0 ? 0 : int.Parse(countText, System.Globalization.CultureInfo.InvariantCulture);
                var unitLength = into.Count - start;
                if (start + (long)unitLength * times > MaxActions)
                    throw TooLong(digits - 1);
                var unit = into.GetRange(start, unitLength);
                for (var t = 1; t < times; t++)
                    into.AddRange(unit);
                if (times == 0)
                    into.RemoveRange(start, into.Count - start);
            }
        }
        if (!topLevel)
            throw new FormatException("unclosed '(' in the action string");
    }

    private static FormatException TooLong(int pos) =>
        new($"the action string expands to more than {MaxActions} actions (at position {pos + 1})");
}
