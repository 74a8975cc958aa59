using Goodhart.Core;
using Goodhart.Experiments.Rlhf;
using Goodhart.Learning.Interpretability.Sae;

namespace Goodhart.Experiments.Interpretability;

/// <summary>
/// The configuration of the <c>interp-sae</c> kind: the SFT policy of an RLHF preset, the residual stream after one of
/// its blocks, and a sweep of sparse autoencoders over architecture, dictionary size and sparsity (k for TopK, the L1
/// coefficient for ReLU+L1). Limits: at most 64 autoencoders per cell, 20,000 texts, the sizes of <see cref="SaeOptions"/>.
/// </summary>
public sealed record SaeSweepConfig
{
    /// <summary>Most autoencoders one cell trains.</summary>
    public const int MaxAutoencoders = 64;

    /// <summary>Most texts for training plus evaluation.</summary>
    public const int MaxTexts = 20_000;

    /// <summary>The RLHF preset whose SFT policy is read (<see cref="RlhfPresets.Sizes"/>); default <c>small</c>.</summary>
    public string Size { get; init; } = "small";

    /// <summary>The block whose output (<c>blocks.{layer}.hook_resid_post</c>) is read; -1: the last; default -1.</summary>
    public int Layer { get; init; } = -1;

    /// <summary>Texts (prompt + completion of fresh corpus examples) whose every position trains the autoencoders; default 2,000.</summary>
    public int Texts { get; init; } = 2000;

    /// <summary>Held-out texts the metrics and the spliced loss are measured on; default 400.</summary>
    public int EvalTexts { get; init; } = 400;

    /// <summary>The architectures swept: <c>topk</c>, <c>relu_l1</c>; default both.</summary>
    public IReadOnlyList<string> Architectures { get; init; } = ["topk", "relu_l1"];

    /// <summary>Dictionary sizes swept; default 64, 256.</summary>
    public IReadOnlyList<int> DictionarySizes { get; init; } = [64, 256];

    /// <summary>TopK's k values swept; default 4, 16.</summary>
    public IReadOnlyList<int> Ks { get; init; } = [4, 16];

    /// <summary>ReLU+L1's coefficients swept; default 0.3, 1, 3.</summary>
    public IReadOnlyList<double> L1Coefficients { get; init; } = [0.3, 1, 3];

    /// <summary>Training steps of each autoencoder; default 2,000.</summary>
    public int Steps { get; init; } = 2000;

    /// <summary>Tokens per step; default 256.</summary>
    public int BatchSize { get; init; } = 256;

    /// <summary>Adam's learning rate; default 1e-3.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Features on each autoencoder's dashboard (the most frequent live ones); default 24.</summary>
    public int DashboardFeatures { get; init; } = 24;

    /// <summary>The autoencoders of the sweep by name (<c>topk-m64-k4</c>, <c>relu_l1-m64-l1-0.3</c>) with their options under <paramref name="seed"/>.</summary>
    public IReadOnlyList<(string Name, SaeOptions Options)> Sweep(ulong seed)
    {
        var list = new List<(string, SaeOptions)>();
        foreach (var architecture in Architectures)
        {
            foreach (var m in DictionarySizes)
            {
                var common = new SaeOptions { DictionarySize = m, Steps = Steps, BatchSize = BatchSize, LearningRate = LearningRate, Seed = seed };
                if (architecture == "topk")
                    list.AddRange(Ks.Select(k => ($"topk-m{m}-k{k}", common with { Architecture = SaeArchitecture.TopK, K = k })));
                else if (architecture == "relu_l1")
                    list.AddRange(L1Coefficients.Select(l1 => (FormattableString.Invariant($"relu_l1-m{m}-l1-{l1}"), common with { Architecture = SaeArchitecture.ReluL1, L1Coefficient = l1 })));
                else
                    throw new UserInputException($"config.architectures: unknown architecture '{architecture}' (valid: topk, relu_l1)");
            }
        }
        return list;
    }

    /// <summary>Throws <see cref="UserInputException"/> naming the first field out of range.</summary>
    public void Validate()
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
        if (Layer < -1 || Layer >= preset.Layers)
            throw new UserInputException($"config.layer: must be -1 (the last) or 0 to {preset.Layers - 1} for size {Size}, not {Layer}");
        if (Texts < 1 || EvalTexts < 1 || Texts + EvalTexts > MaxTexts)
            throw new UserInputException($"config.texts, config.eval_texts: each at least 1 and together at most {MaxTexts}, not {Texts} + {EvalTexts}");
        if (DashboardFeatures is < 0 or > SaeFeatureDashboard.MaxFeatures)
            throw new UserInputException($"config.dashboard_features: must be 0 to {SaeFeatureDashboard.MaxFeatures}, not {DashboardFeatures}");
        var sweep = Sweep(1);
        if (sweep.Count is < 1 or > MaxAutoencoders)
            throw new UserInputException($"config.architectures: the sweep must hold 1 to {MaxAutoencoders} autoencoders, not {sweep.Count}");
        foreach (var (name, options) in sweep)
        {
            try
            {
                options.Validate();
            }
            catch (ArgumentException e)
            {
                throw new UserInputException($"config ({name}): {e.Message}", e);
            }
        }
    }
}
