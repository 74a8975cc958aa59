using System.Text.Json;
using Goodhart.Core;
using Goodhart.Core.Oversight.Assistance;
using Goodhart.Experiments.Rlhf;
using Goodhart.Learning.Oversight.Assistance;

namespace Goodhart.Experiments.Oversight.Assistance;

/// <summary>
/// The configuration of the <c>assisted-raters</c> kind (recipe fields in snake_case): the RLHF world's preset and
/// overrides (as <c>rlhf-pipeline</c>'s), the rater conditions, the critic's training and the verification budgets.
/// </summary>
public sealed record AssistedRatersConfig
{
    /// <summary>The most conditions one recipe compares.</summary>
    public const int MaxConditions = 8;

    /// <summary>The most gold-checked examples the critic learns from.</summary>
    public const int MaxCriticExamples = 100_000;

    /// <summary>The most claims a rater verifies per label.</summary>
    public const int MaxBudget = 8;

    /// <summary>The RLHF preset (<c>tiny</c>, <c>small</c>, <c>default</c>); default <c>small</c>.</summary>
    public string Size { get; init; } = "small";

    /// <summary>Overrides of the preset's fields by their snake_case names (as <c>rlhf-pipeline</c>'s <c>settings</c>; <c>rater</c> and <c>rm_members</c> are set per condition).</summary>
    public IReadOnlyDictionary<string, JsonElement> Settings { get; init; } = new Dictionary<string, JsonElement>();

    /// <summary>The rater conditions (<see cref="AssistedCondition.Parse"/>): default typical, typical+critique, typical+debate, careful.</summary>
    public IReadOnlyList<string> Conditions { get; init; } = ["typical", "typical+critique", "typical+debate", "careful"];

    /// <summary>Gold-checked examples (from the SFT corpus's generator, fresh draws) the critic learns from; default 2,000.</summary>
    public int CriticExamples { get; init; } = 2000;

    /// <summary>Hidden widths of the critic; default [64].</summary>
    public IReadOnlyList<int> CriticHidden { get; init; } = [64];

    /// <summary>The critic's passes over its examples; default 20.</summary>
    public int CriticEpochs { get; init; } = 20;

    /// <summary>The critic claims a flaw when P(some flaw) reaches this; default 0.5.</summary>
    public double CriticThreshold { get; init; } = 0.5;

    /// <summary>Claims a critique-assisted rater verifies per label (one critique per response); default 2.</summary>
    public int CritiqueBudget { get; init; } = 2;

    /// <summary>Claims each debater may make; default 2.</summary>
    public int DebateClaims { get; init; } = 2;

    /// <summary>Claims the judge of a debate verifies per label (k), in the transcript's order; default 2.</summary>
    public int DebateBudget { get; init; } = 2;

    /// <summary>Whether a debater with no true claim makes a false one (a caught bluff costs its own response); default true.</summary>
    public bool DebateBluff { get; init; } = true;

    /// <summary>
    /// Whether PPO runs against each condition's reward model and against gold (the ceiling), from the SFT policy with
    /// the preset's PPO budget (<c>ppo_steps</c>, <c>ppo_batch</c>, <c>eval_every</c>, <c>eval_prompts</c>, <c>kl_coef</c>,
    /// ... in <c>settings</c>); default false (best-of-n only).
    /// </summary>
    public bool Ppo { get; init; }

    /// <summary>The conditions, parsed.</summary>
    public IReadOnlyList<AssistedCondition> ParsedConditions() => [.. Conditions.Select((c, i) => AssistedCondition.Parse(c, $"conditions[{i}]"))];

    /// <summary>The RLHF settings of a cell (the preset, the overrides, then the seed).</summary>
    public RlhfConfig Resolve(ulong seed)
    {
        if (Settings.ContainsKey("rater") || Settings.ContainsKey("rm_members"))
            throw new UserInputException("config.settings: rater and rm_members are set per condition here; name the raters in conditions");
        return new RlhfPipelineConfig { Size = Size, Settings = Settings }.Resolve(seed);
    }

    /// <summary>The critic's options under the cell's <paramref name="seed"/>.</summary>
    public CriticOptions Critic(ulong seed) => new() { Hidden = CriticHidden, Epochs = CriticEpochs, FlagThreshold = CriticThreshold, Seed = seed };

    /// <summary>Throws <see cref="UserInputException"/> naming the first field out of range.</summary>
    public void Validate()
    {
        _ = Resolve(1);
        if (Conditions.Count is 0 or > MaxConditions)
            throw new UserInputException($"conditions: name 1 to {MaxConditions} rater conditions, not {Conditions.Count}");
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, i) in Conditions.Select((c, i) => (c, i)))
        {
            if (!names.Add(name))
                throw new UserInputException($"conditions[{i}]: '{name}' is named twice");
        }
        _ = ParsedConditions();
        Check("critic_examples", CriticExamples, 1, MaxCriticExamples);
        Check("critic_epochs", CriticEpochs, 1, 1000);
        if (CriticHidden.Count > 8)
            throw new UserInputException($"critic_hidden: {CriticHidden.Count} layers (at most 8)");
        foreach (var w in CriticHidden)
            Check("critic_hidden", w, 1, 4096);
        if (!(CriticThreshold > 0 && CriticThreshold <= 1))
            throw new UserInputException($"critic_threshold: {CriticThreshold} is out of range (0, 1]");
        Check("critique_budget", CritiqueBudget, 0, MaxBudget);
        Check("debate_budget", DebateBudget, 0, MaxBudget);
        Check("debate_claims", DebateClaims, 1, ArithmeticDebateRules.MaxClaimsLimit);
    }

    private static void Check(string field, int value, int min, int max)
    {
        if (value < min || value > max)
            throw new UserInputException($"{field}: {value} is out of range ({min} to {max})");
    }
}
