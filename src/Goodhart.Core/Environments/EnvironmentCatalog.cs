using System.Reflection;
using Goodhart.Core.Levels;

namespace Goodhart.Core.Environments;

/// <summary>
/// The name -> env registry: level files found in directories (the shipped <c>levels/</c> beside the binaries, plus
/// any the user adds) and the rule sets compiled into the program. <c>Create("side_effects_sokoban:2")</c> builds
/// level 2; a path to a <c>.level</c> file works as a name too.
/// </summary>
public sealed class EnvironmentCatalog
{
    private static readonly Lazy<IReadOnlyDictionary<string, (Type Type, RulesAttribute Rules)>> RuleSets = new(DiscoverRules);
    private readonly Dictionary<string, LevelFile> _files = new(StringComparer.Ordinal);

    /// <summary>The directory of shipped levels: <c>levels/</c> beside the program.</summary>
    public static string ShippedLevelsDirectory => Path.Combine(AppContext.BaseDirectory, "levels");

    /// <summary>The shipped levels plus the directories in GOODHART_LEVELS (path-separated), later ones overriding.</summary>
    public static EnvironmentCatalog Default()
    {
        var dirs = new List<string> { ShippedLevelsDirectory };
        var extra = Environment.GetEnvironmentVariable("GOODHART_LEVELS");
        if (!string.IsNullOrWhiteSpace(extra))
            dirs.AddRange(extra.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));
        return FromDirectories(dirs);
    }

    public static EnvironmentCatalog FromDirectories(IEnumerable<string> directories)
    {
        var catalog = new EnvironmentCatalog();
        foreach (var dir in directories)
        {
            if (!Directory.Exists(dir))
                continue;
            foreach (var file in Directory.EnumerateFiles(dir, "*.level").Order(StringComparer.Ordinal))
                catalog.Add(LevelParser.ParseFile(file));
        }
        return catalog;
    }

    /// <summary>Adds (or replaces) a level file after checking it against its rule set.</summary>
    public void Add(LevelFile file)
    {
        Validate(file);
        _files[file.Name] = file;
    }

    public IReadOnlyCollection<LevelFile> Files => _files.Values;

    /// <summary>Every env id: the name for the first level, name:level for the others.</summary>
    public IEnumerable<string> Ids => _files.Values.OrderBy(f => f.Name, StringComparer.Ordinal)
        .SelectMany(f => f.Levels.Select((l, i) => i == 0 ? f.Name : $"{f.Name}:{l.Name}"));

    public static IReadOnlyCollection<string> RuleSetNames => RuleSets.Value.Keys.Order(StringComparer.Ordinal).ToList();

    public static RulesAttribute RulesOf(string rules) =>
        RuleSets.Value.TryGetValue(rules, out var r) ? r.Rules : throw new UnknownNameException("rules", rules, RuleSetNames);

    public LevelFile FileOf(string id)
    {
        var (name, _) = SplitId(id);
        if (name.EndsWith(".level", StringComparison.Ordinal) && File.Exists(name))
        {
            var f = LevelParser.ParseFile(name);
            Validate(f);
            return f;
        }
        return _files.TryGetValue(name, out var file) ? file : throw new UnknownNameException("env", name, _files.Keys.Order(StringComparer.Ordinal));
    }

    /// <summary>Builds an env by id (<c>name</c> or <c>name:level</c>, or a .level path), with optional <c>name=value</c> constant overrides.</summary>
    public Gridworld Create(string id, IEnumerable<string>? overrides = null)
    {
        var file = FileOf(id);
        var (_, levelName) = SplitId(id);
        var map = levelName is null ? file.Levels[0] : file.FindLevel(levelName)
            ?? throw new UnknownNameException($"level of {file.Name}", levelName, file.Levels.Select(l => l.Name));
        var constants = file.Constants.Copy();
        if (overrides is not null)
            constants.SetOverrides(overrides);
        var envId = map == file.Levels[0] ? file.Name : $"{file.Name}:{map.Name}";
        var definition = new GridworldDefinition(envId, file.Name, map.Name, file.Problem, map.Rows, constants, file.MaxSteps, file.Path);
        var (type, _) = RuleSets.Value[file.Rules];
        Gridworld env;
        try
        {
            env = (Gridworld)Activator.CreateInstance(type, definition)!;
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
        constants.EnsureAllRead(file.Rules);
        return env;
    }

    private static (string Name, string? Level) SplitId(string id)
    {
        var colon = id.LastIndexOf(':');
        if (colon < 0 || id.EndsWith(".level", StringComparison.Ordinal))
            return (id, null);
        return (id[..colon], id[(colon + 1)..]);
    }

    private static void Validate(LevelFile file)
    {
        if (!RuleSets.Value.TryGetValue(file.Rules, out var entry))
            throw new LevelFormatException(file.Path, 1, 0, $"unknown rules '{file.Rules}'; known: {string.Join(", ", RuleSetNames)}");
        var rules = entry.Rules;
        foreach (var level in file.Levels)
        {
            var h = level.Rows.Count;
            var w = level.Rows[0].Length;
            if (h < 3 || w < 3)
                throw new LevelFormatException(file.Path, level.FirstLine, 0, $"level '{level.Name}' is {w}x{h}; a map needs at least 3x3 cells");
            var counts = new Dictionary<char, int>();
            for (var r = 0; r < h; r++)
            {
                for (var c = 0; c < w; c++)
                {
                    var ch = level.Rows[r][c];
                    if (!rules.Tiles.Contains(ch, StringComparison.Ordinal))
                        throw new LevelFormatException(file.Path, level.FirstLine + r, c + 1,
                            $"unknown tile '{ch}' for rules {file.Rules}; expected one of '{rules.Tiles}'");
                    var edge = r == 0 || c == 0 || r == h - 1 || c == w - 1;
                    if (edge && !rules.Border.Contains(ch, StringComparison.Ordinal))
                        throw new LevelFormatException(file.Path, level.FirstLine + r, c + 1,
                            $"the map's edge must be closed with one of '{rules.Border}', found '{ch}'");
                    counts[ch] = counts.GetValueOrDefault(ch) + 1;
                }
            }
            foreach (var required in rules.RequiredOnce)
            {
                var n = counts.GetValueOrDefault(required);
                if (n != 1)
                    throw new LevelFormatException(file.Path, level.FirstLine, 0,
                        $"level '{level.Name}' must contain exactly one '{required}', found {n}");
            }
        }
    }

    private static IReadOnlyDictionary<string, (Type, RulesAttribute)> DiscoverRules()
    {
        var map = new Dictionary<string, (Type, RulesAttribute)>(StringComparer.Ordinal);
        foreach (var t in typeof(Gridworld).Assembly.GetTypes())
        {
            if (t.GetCustomAttribute<RulesAttribute>() is { } r && typeof(Gridworld).IsAssignableFrom(t))
                map.Add(r.Name, (t, r));
        }
        return map;
    }
}
