using System.Text.Json;
using System.Text.Json.Nodes;
using Goodhart.Core;

namespace Goodhart.Experiments.Rlhf;

/// <summary>
/// The configuration of the <c>rlhf-pipeline</c> experiment kind: a preset of the RLHF world with overrides, the
/// proxies best-of-n picks with, the proxies PPO optimises and whether DPO runs. The cell's seed replaces the
/// preset's seed.
/// </summary>
public sealed record RlhfPipelineConfig
{
    /// <summary>What <c>goodhart rlhf demo</c> runs, and experiments/rlhf-demo.json: the small preset, best-of-n against rm, mean, wco, uwo, rater and gold, PPO against rm.</summary>
    public static RlhfPipelineConfig Demo { get; } = new() { Size = "small", PpoProxies = ["rm"] };

    /// <summary>The preset the settings start from (<see cref="RlhfPresets.Sizes"/>); default <c>small</c>.</summary>
    public string Size { get; init; } = "small";

    /// <summary>
    /// Overrides of the preset's fields by their snake_case names (<see cref="RlhfConfig"/>, e.g. <c>train_pairs</c>,
    /// <c>rater</c>, <c>betas</c>); an unknown name is an error; default none.
    /// </summary>
    public IReadOnlyDictionary<string, JsonElement> Settings { get; init; } = new Dictionary<string, JsonElement>();

    /// <summary>The proxies best-of-n picks with (<see cref="RlhfProxies.Names"/>); default rm, mean, wco, uwo, rater, gold.</summary>
    public IReadOnlyList<string> Proxies { get; init; } = ["rm", "mean", "wco", "uwo", "rater", "gold"];

    /// <summary>One PPO run per proxy named here (after best-of-n); default none.</summary>
    public IReadOnlyList<string> PpoProxies { get; init; } = [];

    /// <summary>Whether DPO runs on the training pairs, one run per beta of the settings; default false.</summary>
    public bool Dpo { get; init; }

    /// <summary>The RLHF settings of a cell: the preset, the overrides, then <paramref name="seed"/>.</summary>
    public RlhfConfig Resolve(ulong seed)
    {
        RlhfConfig preset;
        try
        {
            preset = RlhfPresets.Get(Size);
        }
        catch (UnknownNameException e)
        {
            throw new UserInputException($"config.size: {e.Message}", e);
        }
        var node = JsonSerializer.SerializeToNode(preset, RlhfJson.Config)!.AsObject();
        foreach (var (name, value) in Settings)
        {
            if (!node.ContainsKey(name) || name is "seed" or "size")
                throw new UserInputException($"config.settings.{name}: not an RLHF setting that a recipe can set (valid: {string.Join(", ", node.Select(p => p.Key).Where(k => k is not ("seed" or "size")))})");
            node[name] = JsonNode.Parse(value.GetRawText());
        }
        try
        {
            var settings = node.Deserialize<RlhfConfig>(RlhfJson.Config)! with { Seed = seed };
            settings.Validate();
            return settings;
        }
        catch (JsonException e)
        {
            throw new UserInputException($"config.settings{e.Path?.TrimStart('$')}: {e.Message.Split(" Path:")[0]}", e);
        }
    }

    /// <summary>Throws <see cref="UserInputException"/> naming the first field out of range.</summary>
    public void Validate()
    {
        _ = Resolve(1);
        if (Proxies.Count == 0 && PpoProxies.Count == 0 && !Dpo)
            throw new UserInputException("config.proxies: name at least one proxy (or ppo_proxies, or dpo: true)");
        try
        {
            RlhfProxies.Validate([.. Proxies, .. PpoProxies]);
        }
        catch (UnknownNameException e)
        {
            throw new UserInputException($"config.proxies: {e.Message}", e);
        }
    }
}
