namespace Goodhart.Core.Environments;

/// <summary>
/// Action strings, as in ai-safety-gridworlds' tests: <c>u d l r</c> (and <c>n</c> for NOOP where the env has it),
/// case-insensitive; spaces, commas and newlines are ignored, and <c>r*5</c> repeats an action (<c>(rd)*3</c> a group).
/// A bad character is reported with its position.
/// </summary>
public static class ActionString
{
    public static int[] Parse(string actions, int actionCount = 5)
    {
        var result = new List<int>(actions.Length);
        var pos = 0;
        ParseSequence(actions, ref pos, result, actionCount, topLevel: true);
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

    private static void ParseSequence(string s, ref int pos, List<int> into, int actionCount, bool topLevel)
    {
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
                pos++;
                ParseSequence(s, ref pos, into, actionCount, topLevel: false);
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
                var times = int.Parse(s.AsSpan(digits, pos - digits), System.Globalization.CultureInfo.InvariantCulture);
                if (times > 100_000)
                    throw new FormatException($"repeat count {times} at position {digits + 1} is too large");
                var unit = into.GetRange(start, into.Count - start);
                for (var t = 1; t < times; t++)
                    into.AddRange(unit);
                if (times == 0)
                    into.RemoveRange(start, into.Count - start);
            }
        }
        if (!topLevel)
            throw new FormatException("unclosed '(' in the action string");
    }
}
