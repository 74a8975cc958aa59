namespace Goodhart.Core.Rlhf;

/// <summary>
/// Reads rater profile files (<c>.rater</c>): one <c>key = value</c> per line; lines starting with <c>;</c> or
/// <c>#</c> are comments. Keys: <c>name</c> (required), <c>description</c>, <c>verifies</c> (a comma-separated list of
/// easy, medium, hard, or <c>all</c> or <c>none</c>), <c>temperature</c>, <c>correctness</c>, <c>confidence</c>,
/// <c>agreement</c>, <c>flattery</c>, <c>length</c>, <c>unparseable</c>, and for labelling the steps of shown work
/// <c>step_check_rate</c> and <c>step_detect_rate</c> (probabilities in [0, 1], both or neither). Unset keys keep
/// <see cref="RaterProfile"/>'s defaults. Errors name the file, line and field.
/// </summary>
public static class RaterProfileParser
{
    /// <summary>The keys a profile file may set, in documentation order.</summary>
    public static IReadOnlyList<string> Keys { get; } =
        ["name", "description", "verifies", "temperature", "correctness", "confidence", "agreement", "flattery", "length", "unparseable", "step_check_rate", "step_detect_rate"];

    public static RaterProfile ParseFile(string path) => Parse(File.ReadAllText(path), path);

    public static RaterProfile Parse(string text, string path)
    {
        ArgumentNullException.ThrowIfNull(text);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var profile = new RaterProfile { Name = "" };
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var lineNo = i + 1;
            var line = lines[i].TrimEnd('\r').Trim();
            if (line.Length == 0 || line[0] is ';' or '#')
                continue;
            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
                throw new RaterFormatException(path, lineNo, null, $"expected 'key = value' with a key among {string.Join(", ", Keys)}");
            var key = line[..eq].Trim();
            var value = line[(eq + 1)..].Trim();
            if (!Keys.Contains(key))
                throw new RaterFormatException(path, lineNo, key, $"unknown key; expected one of {string.Join(", ", Keys)}");
            if (seen.TryGetValue(key, out var first))
                throw new RaterFormatException(path, lineNo, key, $"set twice (first on line {first})");
            seen[key] = lineNo;
            profile = key switch
            {
                "name" => profile with { Name = ParseName(value, path, lineNo) },
                "description" => profile with { Description = value },
                "verifies" => profile with { Verifies = ParseDifficulties(value, path, lineNo) },
                "temperature" => profile with { Temperature = ParseTemperature(value, path, lineNo) },
                "correctness" => profile with { CorrectnessWeight = ParseWeight(value, path, lineNo, key) },
                "confidence" => profile with { ConfidenceWeight = ParseWeight(value, path, lineNo, key) },
                "agreement" => profile with { AgreementWeight = ParseWeight(value, path, lineNo, key) },
                "flattery" => profile with { FlatteryWeight = ParseWeight(value, path, lineNo, key) },
                "length" => profile with { LengthWeight = ParseWeight(value, path, lineNo, key) },
                "step_check_rate" => profile with { StepCheckRate = ParseProbability(value, path, lineNo, key) },
                "step_detect_rate" => profile with { StepDetectRate = ParseProbability(value, path, lineNo, key) },
                _ => profile with { UnparseableWeight = ParseWeight(value, path, lineNo, key) },
            };
        }
        if (!seen.ContainsKey("name"))
            throw new RaterFormatException(path, 0, "name", "missing; every profile needs 'name = ...'");
        foreach (var (set, missing) in new[] { ("step_check_rate", "step_detect_rate"), ("step_detect_rate", "step_check_rate") })
        {
            if (seen.TryGetValue(set, out var line) && !seen.ContainsKey(missing))
                throw new RaterFormatException(path, line, set, $"set without {missing}; a rater that labels steps sets both");
        }
        return profile;
    }

    private static string ParseName(string value, string path, int line)
    {
        if (value.Length == 0 || value.Any(c => char.IsWhiteSpace(c) || c is ':' or '/' or '\\'))
            throw new RaterFormatException(path, line, "name", $"must be one word without spaces, ':' or slashes, got '{value}'");
        return value;
    }

    private static double ParseTemperature(string value, string path, int line)
    {
        var t = ParseWeight(value, path, line, "temperature");
        if (t <= 0)
            throw new RaterFormatException(path, line, "temperature", $"must be a positive number, got '{value}'");
        return t;
    }

    private static double ParseProbability(string value, string path, int line, string key)
    {
        var p = ParseWeight(value, path, line, key);
        if (p is < 0 or > 1)
            throw new RaterFormatException(path, line, key, $"must be a probability in [0, 1], got '{value}'");
        return p;
    }

    private static double ParseWeight(string value, string path, int line, string key)
    {
        if (!FiniteNumber.TryParse(value, out var v, out var problem))
            throw new RaterFormatException(path, line, key, problem);
        return v;
    }

    private static List<Difficulty> ParseDifficulties(string value, string path, int line)
    {
        switch (value)
        {
            case "none":
                return [];
            case "all":
                return [Difficulty.Easy, Difficulty.Medium, Difficulty.Hard];
        }
        var result = new List<Difficulty>();
        foreach (var part in value.Split(',', StringSplitOptions.TrimEntries))
        {
            Difficulty? d = part switch
            {
                "easy" => Difficulty.Easy,
                "medium" => Difficulty.Medium,
                "hard" => Difficulty.Hard,
                _ => null,
            };
            if (d is null)
                throw new RaterFormatException(path, line, "verifies", $"unknown difficulty '{part}'; expected a comma-separated list of easy, medium, hard, or all or none");
            if (!result.Contains(d.Value))
                result.Add(d.Value);
        }
        result.Sort();
        return result;
    }
}
