using System.Globalization;
using System.Text;
using System.Text.Json;
using Goodhart.Core.Environments;

namespace Goodhart.Core.ValueLearning;

/// <summary>
/// Play files: JSON Lines, one <see cref="RecordedPlay"/> per line, e.g.
/// <c>{"format":"goodhart-play/1","env":"boat_race","set":[],"seed":0,"actions":"rrddllu","source":"goodhart play"}</c>.
/// Blank lines are skipped; unknown fields are refused. Reading names the file, line and field of the first problem
/// (<see cref="PlayFormatException"/>). Limits: <see cref="MaxPlays"/> plays per file, <see cref="MaxActions"/> actions
/// per play, <see cref="MaxLineLength"/> characters per line.
/// </summary>
public static class RecordedPlays
{
    /// <summary>The <c>format</c> field of every line this version writes and reads.</summary>
    public const string Format = "goodhart-play/1";

    /// <summary>Most plays (non-blank lines) in one file.</summary>
    public const int MaxPlays = 1000;

    /// <summary>Most actions in one play.</summary>
    public const int MaxActions = 10_000;

    /// <summary>Longest line read.</summary>
    public const int MaxLineLength = 64 * 1024;

    /// <summary>Most constant overrides in one play.</summary>
    public const int MaxSet = 64;

    private static readonly string[] Fields = ["format", "env", "set", "seed", "actions", "source"];

    /// <summary>One play as a line of JSON (no newline).</summary>
    public static string Serialize(RecordedPlay play)
    {
        ArgumentNullException.ThrowIfNull(play);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("format", Format);
            w.WriteString("env", play.Env);
            w.WriteStartArray("set");
            foreach (var s in play.Set)
                w.WriteStringValue(s);
            w.WriteEndArray();
            w.WriteNumber("seed", play.Seed);
            w.WriteString("actions", play.Actions);
            w.WriteString("source", play.Source);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Appends one play as a line to <paramref name="path"/> (created if missing) in a single write.</summary>
    public static void Append(string path, RecordedPlay play)
    {
        var line = Encoding.UTF8.GetBytes(Serialize(play) + "\n");
        using var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
        file.Write(line);
        file.Flush(flushToDisk: true);
    }

    /// <summary>Reads every play of a file; throws <see cref="PlayFormatException"/> naming file, line and field.</summary>
    public static IReadOnlyList<RecordedPlay> Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
            throw new PlayFormatException(path, 0, "file", "no such file");
        using var reader = new StreamReader(path, new UTF8Encoding(false, throwOnInvalidBytes: true));
        try
        {
            return Read(reader, path);
        }
        catch (DecoderFallbackException)
        {
            throw new PlayFormatException(path, 0, "file", "not UTF-8 text");
        }
    }

    /// <summary>Reads every play; <paramref name="source"/> names the input in errors.</summary>
    public static IReadOnlyList<RecordedPlay> Read(TextReader reader, string source)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var plays = new List<RecordedPlay>();
        var lineNo = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNo++;
            if (string.IsNullOrWhiteSpace(line))
                continue;
            if (line.Length > MaxLineLength)
                throw new PlayFormatException(source, lineNo, "line", $"longer than {MaxLineLength:N0} characters");
            if (plays.Count == MaxPlays)
                throw new PlayFormatException(source, lineNo, "line", $"more than {MaxPlays:N0} plays in one file");
            plays.Add(Parse(line, source, lineNo));
        }
        if (plays.Count == 0)
            throw new PlayFormatException(source, lineNo, "file", "holds no plays");
        return plays;
    }

    private static RecordedPlay Parse(string line, string source, int lineNo)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            var cut = e.Message.IndexOf(" LineNumber", StringComparison.Ordinal);
            throw new PlayFormatException(source, lineNo, "line", $"not a JSON object: {(cut > 0 ? e.Message[..cut].TrimEnd(' ', '|', '.') : e.Message)}");
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new PlayFormatException(source, lineNo, "line", $"expected a JSON object, got {root.ValueKind.ToString().ToLowerInvariant()}");
            foreach (var p in root.EnumerateObject())
            {
                if (Array.IndexOf(Fields, p.Name) < 0)
                    throw new PlayFormatException(source, lineNo, p.Name, $"unknown field (known: {string.Join(", ", Fields)})");
            }
            var format = Text(root, "format", source, lineNo);
            if (format != Format)
                throw new PlayFormatException(source, lineNo, "format", $"expected '{Format}', got '{format}'");
            var env = Text(root, "env", source, lineNo);
            if (env.Length is 0 or > 200)
                throw new PlayFormatException(source, lineNo, "env", "must be an env id of 1 to 200 characters");
            var set = new List<string>();
            if (root.TryGetProperty("set", out var s))
            {
                if (s.ValueKind != JsonValueKind.Array || s.GetArrayLength() > MaxSet || s.EnumerateArray().Any(x => x.ValueKind != JsonValueKind.String))
                    throw new PlayFormatException(source, lineNo, "set", $"must be an array of at most {MaxSet} strings name=value");
                set.AddRange(s.EnumerateArray().Select(x => x.GetString()!));
            }
            if (!root.TryGetProperty("seed", out var seedElement) || seedElement.ValueKind != JsonValueKind.Number || !seedElement.TryGetUInt64(out var seed))
                throw new PlayFormatException(source, lineNo, "seed", "must be a whole number from 0 to 18446744073709551615");
            var actions = Text(root, "actions", source, lineNo);
            if (actions.Length is 0 or > MaxActions)
                throw new PlayFormatException(source, lineNo, "actions", $"must hold 1 to {MaxActions:N0} moves, got {actions.Length}");
            var bad = actions.AsSpan().IndexOfAnyExcept("udlrn");
            if (bad >= 0)
                throw new PlayFormatException(source, lineNo, "actions", $"moves are letters u, d, l, r, n; got '{actions[bad]}' at position {bad + 1}");
            var from = root.TryGetProperty("source", out var src) && src.ValueKind == JsonValueKind.String ? src.GetString()! : "";
            return new RecordedPlay(env, set, seed, actions, from);
        }
    }

    private static string Text(JsonElement root, string field, string source, int lineNo) =>
        root.TryGetProperty(field, out var e) && e.ValueKind == JsonValueKind.String
            ? e.GetString()!
            : throw new PlayFormatException(source, lineNo, field, "missing or not a string");

    /// <summary>
    /// Replays each play on <paramref name="env"/> and returns its steps as (state, action) pairs of
    /// <paramref name="space"/>: demonstrations for IRL and cloning. Every play must name <paramref name="envId"/>
    /// with no overrides, use only the env's actions and stay in the graph until its episode ends (a play that stops
    /// early is used up to where it stops); else <see cref="PlayFormatException"/> naming the play's line.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<(int State, int Action)>> ToDemonstrations(
        IReadOnlyList<RecordedPlay> plays, string source, string envId, Gridworld env, StateSpace space)
    {
        ArgumentNullException.ThrowIfNull(plays);
        ArgumentNullException.ThrowIfNull(env);
        ArgumentNullException.ThrowIfNull(space);
        var demos = new List<IReadOnlyList<(int State, int Action)>>();
        for (var i = 0; i < plays.Count; i++)
        {
            var play = plays[i];
            var line = i + 1;
            if (play.Env != envId)
                throw new PlayFormatException(source, line, "env", $"the play is on '{play.Env}', the demonstrations must be on '{envId}'");
            if (play.Set.Count > 0)
                throw new PlayFormatException(source, line, "set", "the play changed constants; demonstrations must use the level's own");
            env.Reset(play.Seed);
            var demo = new List<(int State, int Action)>();
            for (var t = 0; t < play.Actions.Length; t++)
            {
                var a = "udlrn".IndexOf(play.Actions[t], StringComparison.Ordinal);
                if (a >= env.Spec.ActionCount)
                    throw new PlayFormatException(source, line, "actions", $"'{play.Actions[t]}' at position {t + 1} is not an action of {envId}");
                var s = space.IndexOf(env);
                if (s < 0)
                    throw new PlayFormatException(source, line, "seed", $"at move {t + 1} the play left the explored state graph (the seed draws another map?)");
                demo.Add((s, a));
                if (env.Step(a).Done)
                {
                    if (t + 1 < play.Actions.Length)
                        throw new PlayFormatException(source, line, "actions", $"the episode ended after move {t + 1} of {play.Actions.Length.ToString(CultureInfo.InvariantCulture)}");
                    break;
                }
            }
            demos.Add(demo);
        }
        return demos;
    }
}
