using System.Globalization;
using Goodhart.Core;
using Goodhart.Core.Rlhf;
using Goodhart.Learning.Checkpoints;
using Goodhart.Learning.Models;
using Goodhart.Learning.Rlhf;
using Goodhart.Learning.Training;

namespace Goodhart.Experiments.Rlhf;

/// <summary>
/// The files of an RLHF work folder and how to read them back, with errors that name the missing file and the
/// command that writes it.
/// </summary>
public sealed class RlhfWorkFolder(string path)
{
    public const string ConfigFile = "config.json";
    public const string SftCorpusFile = "sft.jsonl";
    public const string PolicyFolder = "policy";
    public const string TrainPairsFile = "pairs.train.jsonl";
    public const string EvalPairsFile = "pairs.eval.jsonl";
    public const string RewardModelsFile = "rm.json";
    public const string ImplicitRewardModelsFile = "implicit.json";
    public const string ImplicitBetaKey = "goodhart.implicit_beta";
    public const string BestOfNFile = "bon.json";
    public const string SweepFile = "sweep.json";
    public const string ReportFolder = "report";
    public const string CheckpointsFolder = "checkpoints";

    public string Path { get; } = path;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public string PolicyCheckpoint => System.IO.Path.Combine(Path, PolicyFolder, SupervisedTrainer.ModelFile);

    public string RewardModelFile(int member) => File($"rm-{member}.safetensors");

    /// <summary>Member <paramref name="member"/>'s DPO policy of the implicit reward ensemble (written by <c>goodhart rlhf implicit</c>).</summary>
    public string ImplicitMemberFile(int member) => File($"implicit-{member}.safetensors");

    public void Create() => Directory.CreateDirectory(Path);

    /// <summary>
    /// The checkpoint folder of the stage run <paramref name="name"/> (<c>checkpoints/NAME</c>), which the trainers
    /// write as they go; unless <paramref name="resume"/>, whatever an earlier run left there is deleted first, so
    /// the run starts afresh.
    /// </summary>
    public string Checkpoints(string name, bool resume)
    {
        var folder = System.IO.Path.Combine(Path, CheckpointsFolder, name);
        if (!resume && Directory.Exists(folder))
            Directory.Delete(folder, recursive: true);
        return folder;
    }

    /// <summary>The SFT policy (<c>policy/model.safetensors</c>, written by <c>goodhart rlhf sft</c>).</summary>
    public CausalLanguageModel LoadPolicy() => ModelCheckpoint.LoadLanguageModel(Require(PolicyCheckpoint, "sft"));

    /// <summary>The training or held-out pairs (written by <c>goodhart rlhf label</c>); malformed rows name file and line.</summary>
    public IReadOnlyList<PreferencePair> LoadPairs(bool heldOut)
    {
        var path = Require(File(heldOut ? EvalPairsFile : TrainPairsFile), "label");
        var pairs = PreferenceRows.Read(path);
        for (var i = 0; i < pairs.Count; i++)
        {
            var p = pairs[i];
            var field = p.Prompt is null ? "prompt" : p.Chosen is null ? "chosen" : p.Rejected is null ? "rejected" : null;
            if (field is not null)
                throw new DatasetFormatException(path, i + 1, $"field '{field}' is missing");
        }
        if (pairs.Count == 0)
            throw new DatasetFormatException(path, 0, "no preference pairs in the file");
        return pairs;
    }

    /// <summary>The reward models rm-0, rm-1, ... (written by <c>goodhart rlhf rm</c>).</summary>
    public IReadOnlyList<RewardModel> LoadRewardModels()
    {
        Require(RewardModelFile(0), "rm");
        var models = new List<RewardModel>();
        for (var k = 0; System.IO.File.Exists(RewardModelFile(k)); k++)
            models.Add(RewardModel.Load(RewardModelFile(k)));
        return models;
    }

    /// <summary>
    /// The implicit reward ensemble (<c>implicit-0.safetensors</c>, ... written by <c>goodhart rlhf implicit</c>) against
    /// <paramref name="reference"/>, standardised on the training pairs as when it was trained.
    /// </summary>
    public ImplicitRewardEnsemble LoadImplicitEnsemble(CausalLanguageModel reference)
    {
        Require(ImplicitMemberFile(0), "implicit");
        var metadata = SafeTensors.LoadMetadata(ImplicitMemberFile(0));
        if (!metadata.TryGetValue(ImplicitBetaKey, out var text) || !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var beta) || !(beta > 0))
            throw new UserInputException($"{ImplicitMemberFile(0)}: metadata field {ImplicitBetaKey} is missing or not a positive number; run `goodhart rlhf implicit --dir {Path}` again");
        var policies = new List<CausalLanguageModel>();
        for (var k = 0; System.IO.File.Exists(ImplicitMemberFile(k)); k++)
            policies.Add(ModelCheckpoint.LoadLanguageModel(ImplicitMemberFile(k)));
        return ImplicitRewardEnsemble.FromPolicies(policies, reference, beta, LoadPairs(heldOut: false));
    }

    /// <summary>The path, or a <see cref="UserInputException"/> saying which command writes it.</summary>
    public string Require(string file, string command) =>
        System.IO.File.Exists(file)
            ? file
            : throw new UserInputException($"{file}: file not found; run `goodhart rlhf {command} --dir {Path}` first");
}
