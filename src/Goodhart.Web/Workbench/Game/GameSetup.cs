using System.Globalization;
using Goodhart.Core.Environments;

namespace Goodhart.Web.Workbench.Game;

/// <summary>
/// A validated game configuration: the env with the player's constants, the chosen reward specification with its
/// term values, and the map's floor (what the specification reads). Every input is checked here, with errors naming
/// the field.
/// </summary>
public sealed class GameSetup
{
    private readonly EnvironmentCatalog _catalog;

    private GameSetup(EnvironmentCatalog catalog, GameDefinition game, RewardSpecification spec, IReadOnlyList<string> overrides,
        IReadOnlyDictionary<string, double> constants, IReadOnlyDictionary<string, double> terms)
    {
        _catalog = catalog;
        Game = game;
        Specification = spec;
        Overrides = overrides;
        Constants = constants;
        Terms = terms;
        var probe = Make();
        Width = probe.Spec.Width;
        var rows = catalog.FileOf(game.Env).Levels[0].Rows;
        Floor = [.. rows.SelectMany(r => r).Select(c => c == 'A' ? (byte)' ' : (byte)c)];
    }

    public GameDefinition Game { get; }

    public RewardSpecification Specification { get; }

    /// <summary>The player's constants as <c>name=value</c> overrides for the catalog.</summary>
    public IReadOnlyList<string> Overrides { get; }

    /// <summary>Every editable constant's value in force (the player's or the level's).</summary>
    public IReadOnlyDictionary<string, double> Constants { get; }

    /// <summary>Every term of the specification with its value in force.</summary>
    public IReadOnlyDictionary<string, double> Terms { get; }

    public int Width { get; }

    /// <summary>True when the learner is paid exactly the level's own reward: its specification with the level's constants.</summary>
    public bool IsLevelReward { get; private init; }

    /// <summary>The map's tiles with the agent's start replaced by floor.</summary>
    public byte[] Floor { get; }

    /// <summary>A fresh env with the player's constants.</summary>
    public Gridworld Make() => _catalog.Create(Game.Env, Overrides);

    /// <summary>The reward the specification gives for a step from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public double Reward(double visible, int from, int to, GridAction action) =>
        Specification.Reward(new RewardStep(visible, from, to, Width, Floor[from], Floor[to], action), Terms);

    /// <summary>The level's value of each editable constant (what the page shows before any edit).</summary>
    public static IReadOnlyDictionary<string, double> LevelConstants(EnvironmentCatalog catalog, GameDefinition game)
    {
        var explicitValues = catalog.FileOf(game.Env).Constants.Explicit;
        return game.EditableConstants.ToDictionary(n => n, n => explicitValues.TryGetValue(n, out var v) ? v : 0, StringComparer.Ordinal);
    }

    /// <summary>Checks every input and builds the setup; throws <see cref="WorkbenchInputException"/> naming the bad field.</summary>
    public static GameSetup Create(EnvironmentCatalog catalog, WorkbenchLimits limits, string? env, string? spec,
        IReadOnlyDictionary<string, double>? constants, IReadOnlyDictionary<string, double>? terms)
    {
        var game = GameCatalog.Find(env);
        var specification = game.Specification(spec);
        var values = new Dictionary<string, double>(LevelConstants(catalog, game), StringComparer.Ordinal);
        foreach (var (name, value) in constants ?? new Dictionary<string, double>())
        {
            if (!game.EditableConstants.Contains(name))
                throw new WorkbenchInputException($"constants.{name}", $"'{name}' is not an editable constant of {game.Env}; expected one of {string.Join(", ", game.EditableConstants)}");
            values[name] = CheckValue($"constants.{name}", value, limits);
        }
        var termValues = specification.Terms.ToDictionary(t => t.Name, t => t.Default, StringComparer.Ordinal);
        foreach (var (name, value) in terms ?? new Dictionary<string, double>())
        {
            if (!termValues.ContainsKey(name))
            {
                var known = specification.Terms.Count == 0 ? "none" : string.Join(", ", specification.Terms.Select(t => t.Name));
                throw new WorkbenchInputException($"terms.{name}", $"'{name}' is not a term of the '{specification.Id}' specification; its terms: {known}");
            }
            termValues[name] = CheckValue($"terms.{name}", value, limits);
        }
        var overrides = values.Select(kv => $"{kv.Key}={kv.Value.ToString("R", CultureInfo.InvariantCulture)}").ToList();
        var level = LevelConstants(catalog, game);
        return new GameSetup(catalog, game, specification, overrides, values, termValues)
        {
            IsLevelReward = specification is LevelRewardSpecification && values.All(kv => level.TryGetValue(kv.Key, out var v) && v.Equals(kv.Value)),
        };
    }

    private static double CheckValue(string field, double value, WorkbenchLimits limits)
    {
        if (!double.IsFinite(value) || Math.Abs(value) > limits.MaxRewardMagnitude)
            throw new WorkbenchInputException(field, $"{field} must be a number between -{limits.MaxRewardMagnitude} and {limits.MaxRewardMagnitude}, got {value}");
        return value;
    }
}
