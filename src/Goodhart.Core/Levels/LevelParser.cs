using System.Globalization;

namespace Goodhart.Core.Levels;

/// <summary>
/// Reads level files. The format, line by line:
/// <code>
/// ; a comment (outside maps)
/// name: boat_race
/// rules: boat_race
/// problem: reward gaming ...
/// max_steps: 100            (optional, default 100)
///
/// [constants]               (optional)
/// movement_reward = -1
///
/// [level 0]                 (one or more; every non-blank line below is a map row, verbatim)
/// #####
/// #A> #
/// </code>
/// Errors name the file, line and column and say what was expected.
/// </summary>
public static class LevelParser
{
    private static readonly string[] HeaderKeys = ["name", "rules", "problem", "max_steps"];

    public static LevelFile ParseFile(string path) => Parse(File.ReadAllText(path), path);

    public static LevelFile Parse(string text, string path)
    {
        string? name = null, rules = null, problem = null;
        var maxSteps = 100;
        var constants = new LevelConstants();
        var levels = new List<LevelMap>();
        List<string>? rows = null;
        string? levelName = null;
        var levelLine = 0;
        var section = "header";
        var lines = text.Split('\n');

        void CloseLevel()
        {
            if (levelName is null)
                return;
            if (rows!.Count == 0)
                throw new LevelFormatException(path, levelLine, 0, $"level '{levelName}' has no map rows");
            levels.Add(new LevelMap(levelName, rows, levelLine + 1));
            levelName = null;
        }

        for (var i = 0; i < lines.Length; i++)
        {
            var lineNo = i + 1;
            var raw = lines[i].TrimEnd('\r');
            var trimmed = raw.Trim();
            if (trimmed.Length > 0 && trimmed[0] == '[' && trimmed[^1] == ']')
            {
                CloseLevel();
                var header = trimmed[1..^1].Trim();
                if (header == "constants")
                {
                    section = "constants";
                }
                else if (header.StartsWith("level", StringComparison.Ordinal) && header.Length > 6 && header[5] == ' ')
                {
                    section = "level";
                    levelName = header[6..].Trim();
                    levelLine = lineNo;
                    rows = [];
                    if (levels.Any(l => l.Name == levelName))
                        throw new LevelFormatException(path, lineNo, 0, $"level '{levelName}' is defined twice");
                }
                else
                {
                    throw new LevelFormatException(path, lineNo, 2, $"unknown section '[{header}]'; expected [constants] or [level NAME]");
                }
                continue;
            }
            if (section == "level")
            {
                if (trimmed.Length == 0)
                    continue;
                if (rows!.Count > 0 && raw.Length != rows[0].Length)
                    throw new LevelFormatException(path, lineNo, Math.Min(raw.Length, rows[0].Length) + 1,
                        $"map row is {raw.Length} characters wide, but the first row of level '{levelName}' is {rows[0].Length}; maps must be rectangular");
                rows.Add(raw);
                continue;
            }
            if (trimmed.Length == 0 || trimmed[0] == ';')
                continue;
            if (section == "header")
            {
                var colon = raw.IndexOf(':', StringComparison.Ordinal);
                if (colon <= 0)
                    throw new LevelFormatException(path, lineNo, 1, $"expected 'key: value' with a key among {string.Join(", ", HeaderKeys)}, or a [section]");
                var key = raw[..colon].Trim();
                var value = raw[(colon + 1)..].Trim();
                switch (key)
                {
                    case "name": name = value; break;
                    case "rules": rules = value; break;
                    case "problem": problem = value; break;
                    case "max_steps":
                        if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out maxSteps) || maxSteps <= 0)
                            throw new LevelFormatException(path, lineNo, colon + 2, $"max_steps must be a positive integer, got '{value}'");
                        break;
                    default:
                        throw new LevelFormatException(path, lineNo, 1, $"unknown key '{key}'; expected one of {string.Join(", ", HeaderKeys)}");
                }
                continue;
            }
            // constants
            var eq = raw.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
                throw new LevelFormatException(path, lineNo, 1, "expected 'name = number' in [constants]");
            var cname = raw[..eq].Trim();
            var ctext = raw[(eq + 1)..].Trim();
            if (!LevelConstants.TryParseValue(ctext, out var cvalue))
                throw new LevelFormatException(path, lineNo, eq + 2, $"'{ctext}' is not a number (constant '{cname}')");
            constants.Set(cname, cvalue, path, lineNo);
        }
        CloseLevel();
        if (name is null || name.Length == 0)
            throw new LevelFormatException(path, 1, 0, "missing 'name: ...' in the header");
        if (name.Contains(':', StringComparison.Ordinal) || name.Contains(' ', StringComparison.Ordinal))
            throw new LevelFormatException(path, 1, 0, $"name '{name}' must not contain ':' or spaces");
        if (rules is null || rules.Length == 0)
            throw new LevelFormatException(path, 1, 0, "missing 'rules: ...' in the header");
        if (levels.Count == 0)
            throw new LevelFormatException(path, lines.Length, 0, "no [level NAME] section with a map");
        return new LevelFile(path, name, rules, problem ?? "", maxSteps, constants, levels);
    }
}
