using System.CommandLine;
using Goodhart.Core;

using Goodhart.Experiments.Rlhf;

namespace Goodhart.Cli.Commands.Rlhf;

/// <summary>
/// The options every <c>goodhart rlhf</c> command shares: the work folder, the run store and the settings
/// (<see cref="RlhfConfig"/>). A setting given on the command line wins over the work folder's <c>config.json</c>,
/// which wins over the <c>--size</c> preset.
/// </summary>
internal sealed class RlhfOptions
{
    public const string ConfigFile = RlhfWorkFolder.ConfigFile;

    public Option<string> Dir { get; } = new("--dir") { Description = "Work folder the stages read and write.", DefaultValueFactory = _ => "rlhf-work" };
    public Option<string> Store { get; } = CommonOptions.Store();
    public Option<ulong?> Seed { get; } = new("--seed") { Description = "Seed of every stage (default 1)." };
    public Option<int?> TorchThreads { get; } = new("--torch-threads") { Description = "Torch's intra-op threads for every stage, 1 to 256 (default 1; the same seed gives the same numbers only with the same count)." };
    public Option<string?> Size { get; } = new("--size") { Description = "Model and stage sizes: tiny (tests, seconds), small (the demo, minutes) or default (the documented experiments, most of an hour)." };
    public Option<string?> Rater { get; } = new("--rater") { Description = "Simulated rater: typical, careful, hurried or a .rater file." };
    public Option<int?> SftSteps { get; } = new("--sft-steps") { Description = "Supervised fine-tuning steps." };
    public Option<int?> SftExamples { get; } = new("--sft-examples") { Description = "Examples in the SFT corpus." };
    public Option<int?> Pairs { get; } = new("--pairs") { Description = "Training preference pairs." };
    public Option<int?> EvalPairs { get; } = new("--eval-pairs") { Description = "Held-out preference pairs." };
    public Option<int?> Members { get; } = new("--members") { Description = "Reward models in the ensemble (1: a single reward model)." };
    public Option<int?> RmEpochs { get; } = new("--rm-epochs") { Description = "Reward-model training epochs." };
    public Option<int?> MaxN { get; } = new("--max-n") { Description = "Largest n of the best-of-n sweep (n = 1, 2, 4, ... up to it)." };
    public Option<int?> BonPrompts { get; } = new("--bon-prompts") { Description = "Prompts of the best-of-n sweep." };
    public Option<int?> BonPool { get; } = new("--bon-pool") { Description = "Samples per prompt of the best-of-n pool (0: the largest n; otherwise max n to 4096)." };
    public Option<string?> BonEstimator { get; } = new("--bon-estimator") { Description = "Best-of-n's estimator: unbiased (the expectation over every size-n subset of the pool, the default) or first-n." };
    public Option<int?> EvalPrompts { get; } = new("--eval-prompts") { Description = "Held-out prompts of every PPO/DPO evaluation point." };
    public Option<int?> MaxNewTokens { get; } = new("--max-new-tokens") { Description = "Most new tokens of every sampled response." };
    public Option<int?> PpoSteps { get; } = new("--ppo-steps") { Description = "PPO iterations." };
    public Option<double?> KlCoef { get; } = new("--kl-coef") { Description = "PPO's KL penalty coefficient (TRL's kl_coef)." };
    public Option<int?> EvalEvery { get; } = new("--eval-every") { Description = "Evaluate PPO/DPO every N steps." };
    public Option<int?> DpoEpochs { get; } = new("--dpo-epochs") { Description = "DPO epochs over the pairs." };
    public Option<double[]?> Beta { get; } = new("--beta") { Description = "DPO beta; repeat for a sweep (--beta 0.05 --beta 0.1 --beta 0.5).", AllowMultipleArgumentsPerToken = true };

    /// <summary>
    /// <c>--resume</c> of the training stages (rm, ppo, dpo): continue from the checkpoints an interrupted run left
    /// in <c>DIR/checkpoints/</c>; without it, those are deleted and the run starts afresh.
    /// </summary>
    public static Option<bool> ResumeOption() =>
        new("--resume") { Description = "Continue from the checkpoints an interrupted run of this stage left in DIR/checkpoints/ (same settings; otherwise they are deleted and the run starts afresh)." };

    /// <summary>Adds every option to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (var option in new Option[]
                 {
                     Dir, Store, Seed, TorchThreads, Size, Rater, SftSteps, SftExamples, Pairs, EvalPairs, Members, RmEpochs, MaxN, BonPrompts, BonPool, BonEstimator,
                     EvalPrompts, MaxNewTokens, PpoSteps, KlCoef, EvalEvery, DpoEpochs, Beta,
                 })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The settings: the work folder's config.json (or the size preset), then what the command line gives.</summary>
    public RlhfConfig Resolve(ParseResult parse, bool useConfig = true)
    {
        var dir = parse.GetValue(Dir)!;
        var config = Path.Combine(dir, ConfigFile);
        var size = parse.GetValue(Size);
        var s = useConfig && File.Exists(config) && size is null ? RlhfConfig.Load(config) : RlhfPresets.Get(size ?? "small");
        s = s with
        {
            Seed = parse.GetValue(Seed) ?? s.Seed,
            TorchThreads = parse.GetValue(TorchThreads) ?? s.TorchThreads,
            Rater = parse.GetValue(Rater) ?? s.Rater,
            SftSteps = parse.GetValue(SftSteps) ?? s.SftSteps,
            SftExamples = parse.GetValue(SftExamples) ?? s.SftExamples,
            TrainPairs = parse.GetValue(Pairs) ?? s.TrainPairs,
            EvalPairs = parse.GetValue(EvalPairs) ?? s.EvalPairs,
            RmMembers = parse.GetValue(Members) ?? s.RmMembers,
            RmEpochs = parse.GetValue(RmEpochs) ?? s.RmEpochs,
            MaxN = parse.GetValue(MaxN) ?? s.MaxN,
            BonPrompts = parse.GetValue(BonPrompts) ?? s.BonPrompts,
            BonPool = parse.GetValue(BonPool) ?? s.BonPool,
            BonEstimator = parse.GetValue(BonEstimator) ?? s.BonEstimator,
            EvalPrompts = parse.GetValue(EvalPrompts) ?? s.EvalPrompts,
            MaxNewTokens = parse.GetValue(MaxNewTokens) ?? s.MaxNewTokens,
            PpoSteps = parse.GetValue(PpoSteps) ?? s.PpoSteps,
            KlCoef = parse.GetValue(KlCoef) ?? s.KlCoef,
            EvalEvery = parse.GetValue(EvalEvery) ?? s.EvalEvery,
            DpoEpochs = parse.GetValue(DpoEpochs) ?? s.DpoEpochs,
            Betas = parse.GetValue(Beta) is { Length: > 0 } betas ? betas : s.Betas,
        };
        if (s.MaxN < 1)
            throw new UserInputException("--max-n must be at least 1");
        s.Validate();
        return s;
    }
}
