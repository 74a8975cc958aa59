using System.Text.Json;
using System.Text.Json.Serialization;
using Goodhart.Core;
using Goodhart.Learning.Generation;
using Goodhart.Learning.Models;
using Goodhart.Learning.Rlhf;
using Goodhart.Learning.Training;

namespace Goodhart.Cli.Commands.Rlhf;

/// <summary>
/// Everything an RLHF command needs to know, in one flat record: the seed, the model size and the counts of every
/// stage. Written to <c>config.json</c> in the work folder by <c>goodhart rlhf sft</c> (and the demo), read back by
/// the later stages, and recorded with every stored run. <see cref="Preset"/> gives the three sizes.
/// </summary>
internal sealed record RlhfSettings
{
    /// <summary>The sizes <see cref="Preset"/> knows.</summary>
    public static readonly IReadOnlyList<string> Sizes = ["tiny", "small", "default"];

    public ulong Seed { get; init; } = 1;
    public string Size { get; init; } = "small";
    public int ContextLength { get; init; } = 128;
    public int EmbeddingDim { get; init; } = 32;
    public int Layers { get; init; } = 2;
    public int Heads { get; init; } = 2;
    public int SftExamples { get; init; } = 4000;
    public int SftSteps { get; init; } = 600;
    public int SftBatch { get; init; } = 32;
    public string Rater { get; init; } = "typical";
    public int TrainPairs { get; init; } = 600;
    public int EvalPairs { get; init; } = 200;
    public int RmMembers { get; init; } = 2;
    public int RmEpochs { get; init; } = 2;
    public int RmBatch { get; init; } = 32;
    public double UwoLambda { get; init; } = RewardEnsemble.DefaultLambda;
    public int MaxNewTokens { get; init; } = 64;
    public int BonPrompts { get; init; } = 48;
    public int MaxN { get; init; } = 64;
    public int EvalPrompts { get; init; } = 96;
    public int TrainPrompts { get; init; } = 1024;
    public int PpoSteps { get; init; } = 30;
    public int PpoBatch { get; init; } = 32;
    public int PpoMiniBatches { get; init; } = 2;
    public double KlCoef { get; init; } = 0.05;
    public double PpoLearningRate { get; init; } = 1e-4;
    public int EvalEvery { get; init; } = 10;
    public int DpoEpochs { get; init; } = 1;
    public int DpoBatch { get; init; } = 32;
    public double DpoLearningRate { get; init; } = 1e-4;
    public IReadOnlyList<double> Betas { get; init; } = [0.1];

    /// <summary>
    /// The settings of a size: <c>tiny</c> (a 16-wide one-layer model and a handful of examples per stage: seconds,
    /// for tests), <c>small</c> (32 wide, 2 layers: the demo, a few minutes on two cores) or <c>default</c> (the
    /// library's documented configuration: docs/rlhf.md and docs/rlhf-optimisation.md, most of an hour).
    /// </summary>
    public static RlhfSettings Preset(string size) => size switch
    {
        "tiny" => new RlhfSettings
        {
            Size = size, ContextLength = 64, EmbeddingDim = 16, Layers = 1, Heads = 2,
            SftExamples = 100, SftSteps = 10, SftBatch = 8,
            TrainPairs = 16, EvalPairs = 8, RmMembers = 2, RmEpochs = 1, RmBatch = 8,
            MaxNewTokens = 16, BonPrompts = 3, MaxN = 4, EvalPrompts = 4, TrainPrompts = 16,
            PpoSteps = 2, PpoBatch = 4, PpoMiniBatches = 1, EvalEvery = 1, DpoEpochs = 1, DpoBatch = 4,
        },
        "small" => Small(),
        "default" => Default(),
        _ => throw new UnknownNameException("size", size, Sizes),
    };

    /// <summary>
    /// The demo's preset (<c>goodhart rlhf demo</c> with no flags): the record's own defaults (a 32-wide two-layer
    /// policy, 600 SFT steps, 200 held-out <c>typical</c> pairs, two reward models, best-of-n up to n = 64, 30 PPO
    /// iterations) except the values below, each with why. The configurations tried, with their figures and commands,
    /// are in docs/rlhf-demo.md.
    /// </summary>
    private static RlhfSettings Small() => new()
    {
        // 512 best-of-n prompts (was 48): the demo must show gold's fall from its peak to n = 64 at 3 or more standard
        // errors in every seed. The fall's standard error, paired over prompts (GoodhartTurn), shrinks as
        // 1/sqrt(prompts): against rm it was 0.059 at 256 prompts and 0.041 at 512 (seed 1), so about 0.14 at 48, where
        // no fall of 0.15-0.2 could be told from noise. More prompts cost only sampling and scoring (about 120 s of one
        // core at 512 x 64 with six proxies), far less than more pairs, more SFT steps or a larger policy.
        BonPrompts = 512,

        // 3,000 training pairs (was 600): from 600 labels the three seeds' reward models learned three different things
        // (short answers, a little of both, the rater's biases: gold then fell from n = 1 in seed 2); from 3,000 gold
        // rises to a peak inside the sweep and falls after it in all three seeds, by 5.1 and 3.2 standard errors in
        // seeds 2 and 3 and 1.4 in seed 1 (docs/rlhf-demo.md, E5: the 3-in-3 target is not reached). Labelling costs
        // about 10 s of one core and the two reward models about 40 s.
        TrainPairs = 3000,
    };

    private static RlhfSettings Default()
    {
        var pipeline = new RlhfPipelineOptions();
        var optimisation = new RlhfOptimisationExperimentOptions();
        var model = new TransformerOptions();
        return new RlhfSettings
        {
            Size = "default", ContextLength = model.ContextLength, EmbeddingDim = model.EmbeddingDim, Layers = model.Layers, Heads = model.Heads,
            SftExamples = pipeline.SftExamples, SftSteps = pipeline.Sft.Steps, SftBatch = pipeline.Sft.BatchSize,
            TrainPairs = pipeline.TrainPairs, EvalPairs = pipeline.EvalPairs, RmMembers = pipeline.EnsembleMembers,
            RmEpochs = pipeline.RewardModel.Epochs, RmBatch = pipeline.RewardModel.BatchSize,
            MaxNewTokens = optimisation.MaxNewTokens, BonPrompts = pipeline.BestOfNPrompts, MaxN = pipeline.BestOfN.MaxN,
            EvalPrompts = optimisation.EvalPrompts, TrainPrompts = optimisation.TrainPrompts,
            PpoSteps = optimisation.Ppo.Steps, PpoBatch = optimisation.Ppo.BatchSize, PpoMiniBatches = optimisation.Ppo.MiniBatches,
            KlCoef = optimisation.Ppo.KlCoef, PpoLearningRate = optimisation.Ppo.LearningRate, EvalEvery = optimisation.Ppo.EvalEvery,
            DpoEpochs = optimisation.Dpo.Epochs, DpoBatch = optimisation.Dpo.BatchSize, DpoLearningRate = optimisation.Dpo.LearningRate,
            Betas = optimisation.Betas,
        };
    }

    /// <summary>The policy's shape.</summary>
    public TransformerOptions Model => new() { ContextLength = ContextLength, EmbeddingDim = EmbeddingDim, Layers = Layers, Heads = Heads };

    /// <summary>The best-of-n sweep's n: powers of two up to <see cref="MaxN"/> (and <see cref="MaxN"/> itself).</summary>
    public IReadOnlyList<int> Ns()
    {
        var ns = new List<int>();
        for (var n = 1; n < MaxN; n *= 2)
            ns.Add(n);
        ns.Add(MaxN);
        return ns;
    }

    /// <summary>The options of the SFT / labelling / reward-model / best-of-n pipeline.</summary>
    public RlhfPipelineOptions Pipeline() => new()
    {
        Seed = Seed,
        Policy = Model,
        SftExamples = SftExamples,
        Sft = new SupervisedOptions { Steps = SftSteps, BatchSize = SftBatch, WarmupSteps = Math.Min(10, Math.Max(1, SftSteps / 10)) },
        Rater = Rater,
        TrainPairs = TrainPairs,
        EvalPairs = EvalPairs,
        LabelSampling = new SamplingOptions { Temperature = 1.0, MaxNewTokens = MaxNewTokens },
        RewardModel = new RewardModelOptions { Epochs = RmEpochs, BatchSize = RmBatch, WarmupSteps = Math.Min(10, Math.Max(1, TrainPairs * RmEpochs / RmBatch / 10)) },
        EnsembleMembers = RmMembers,
        UwoLambda = UwoLambda,
        BestOfNPrompts = BonPrompts,
        BestOfN = new BestOfNOptions { Ns = Ns(), Sampling = new SamplingOptions { Temperature = 1.0, MaxNewTokens = MaxNewTokens } },
    };

    /// <summary>The options of the PPO / DPO stages (evaluation prompts, PPO, DPO).</summary>
    public RlhfOptimisationExperimentOptions Optimisation() => new()
    {
        Seed = Seed,
        Model = Model,
        EvalPrompts = EvalPrompts,
        MaxNewTokens = MaxNewTokens,
        TrainPrompts = TrainPrompts,
        Ppo = new PpoOptions
        {
            Steps = PpoSteps, BatchSize = PpoBatch, MiniBatches = PpoMiniBatches, LearningRate = PpoLearningRate,
            KlCoef = KlCoef, EvalEvery = EvalEvery, MaxNewTokens = MaxNewTokens,
        },
        Dpo = new DpoOptions { Epochs = DpoEpochs, BatchSize = DpoBatch, LearningRate = DpoLearningRate, EvalEvery = EvalEvery },
        Betas = Betas,
        Raters = [Rater],
    };

    /// <summary>Throws <see cref="UserInputException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        try
        {
            Pipeline().Validate();
            var o = Optimisation();
            o.Ppo.Validate();
            o.Dpo.Validate();
        }
        catch (ArgumentException e)
        {
            throw new UserInputException($"settings out of range: {e.Message}", e);
        }
        if (EvalPrompts < 1 || TrainPrompts < 1 || Betas.Count == 0 || Betas.Any(b => !(b > 0)))
            throw new UserInputException("settings out of range: --eval-prompts and --train-prompts must be at least 1 and every beta positive");
    }

    /// <summary>The settings as indented JSON (snake_case names).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads settings written by <see cref="ToJson"/>; a malformed file is a <see cref="UserInputException"/> naming it.</summary>
    public static RlhfSettings Load(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<RlhfSettings>(File.ReadAllText(path), Json)
                ?? throw new UserInputException($"{path}: expected a settings object, got null");
        }
        catch (JsonException e)
        {
            throw new UserInputException($"{path}:{(e.LineNumber ?? 0) + 1}: malformed settings ({e.Path}): {e.Message.Split(" Path:")[0]}", e);
        }
    }

    /// <summary>How the commands write their result files: the datasets' conventions (snake_case, enums as strings), indented, NaN allowed.</summary>
    internal static readonly JsonSerializerOptions Files = new(Core.Rlhf.JsonLines.Options)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    internal static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };
}
