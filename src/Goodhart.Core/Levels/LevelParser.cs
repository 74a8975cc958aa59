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
/// Errors name the file, line and column and say what was expected. Limits (documented in <c>docs/levels.md</c>):
/// files of at most <see cref="MaxFileBytes"/>, maps of at most <see cref="MaxMapWidth"/> x <see cref="MaxMapHeight"/>
/// cells, at most <see cref="MaxLevels"/> maps per file, and <c>max_steps</c> of at most <see cref="MaxStepsLimit"/>.
/// </summary>
public static class LevelParser
{
    /// <summary>The largest level file read (bytes, or characters when parsing text).</summary>
    public const int MaxFileBytes = 1 << 20;

    /// <summary>The widest map row, in cells.</summary>
    public const int MaxMapWidth = 64;

    /// <summary>The most rows of one map.</summary>
    public const int MaxMapHeight = 64;

    /// <summary>The most maps (<c>[level NAME]</c> sections) in one file.</summary>
    public const int MaxLevels = 64;

    /// <summary>The largest episode cap (<c>max_steps</c>).</summary>
    public const int MaxStepsLimit = 1000;

    private static readonly string[] HeaderKeys = ["name", "rules", "problem", "max_steps"];

    /// <exception cref="LevelFormatException">The file is malformed or past a limit.</exception>
    public static LevelFile ParseFile(string path)
    {
        var length = new FileInfo(path).Length;
        if (length > MaxFileBytes)
            throw new LevelFormatException(path, 1, 0, $"the file is {length} bytes; level files are at most {MaxFileBytes} bytes (1 MiB)");
        return Parse(File.ReadAllText(path), path);
    }

    /// <exception cref="LevelFormatException">The text is malformed or past a limit.</exception>
    public static LevelFile Parse(string text, string path)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxFileBytes)
            throw new LevelFormatException(path, 1, 0, $"the file is {text.Length} characters; level files are at most {MaxFileBytes} (1 MiB)");
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
                    if (levels.Count >= MaxLevels)
                        throw new LevelFormatException(path, lineNo, 0, $"more than {MaxLevels} levels in one file");
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
                if (raw.Length > MaxMapWidth)
                    throw new LevelFormatException(path, lineNo, MaxMapWidth + 1,
                        $"map row is {raw.Length} characters wide; maps are at most {MaxMapWidth} x {MaxMapHeight} cells");
                if (rows!.Count >= MaxMapHeight)
                    throw new LevelFormatException(path, lineNo, 0,
                        $"level '{levelName}' has more than {MaxMapHeight} rows; maps are at most {MaxMapWidth} x {MaxMapHeight} cells");
                if (rows.Count > 0 && raw.Length != rows[0].Length)
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
                        if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out maxSteps) || maxSteps is <= 0 or > MaxStepsLimit)
                            throw new LevelFormatException(path, lineNo, colon + 2, $"max_steps must be an integer from 1 to {MaxStepsLimit}, got '{value}'");
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
            var valueColumn = eq + 2 + (raw.Length - eq - 1 - raw[(eq + 1)..].TrimStart().Length);
            if (!LevelConstants.TryParseValue(ctext, out var cvalue, out var valueProblem))
                throw new LevelFormatException(path, lineNo, valueColumn, $"{valueProblem} (constant '{cname}')");
            constants.Set(cname, cvalue, path, lineNo, valueColumn);
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
