using Goodhart.Experiments.Rlhf;
using Goodhart.Learning.Checkpoints;

namespace Goodhart.Experiments.Interpretability;

/// <summary>
/// <c>interp-probes</c>: does the policy that learned to agree still represent the truth? SFT, labelling and DPO at
/// the settings' first beta in the cell's work folder through <see cref="RlhfFolderStages"/> (a rerun reuses them),
/// then, for the SFT and the DPO policy, probes per depth for the world's truths with AUROC on held-out prompts
/// (<see cref="LatentKnowledgeProbing"/>) and the agreement patching map (<see cref="AgreementPatching"/>).
/// </summary>
public sealed class InterpProbesKind : ExperimentKind<InterpProbesConfig>
{
    /// <inheritdoc />
    public override string Name => "interp-probes";

    /// <inheritdoc />
    public override string Description =>
        "Probes for latent knowledge: SFT -> rater labels -> DPO, then per depth logistic / mass-mean / CCS probe AUROC on held-out prompts for 'the belief is wrong', 'the answer is wrong', 'the response will endorse the belief', and an agreement patching map.";

    /// <inheritdoc />
    protected override void Validate(InterpProbesConfig config) => config.Validate();

    /// <inheritdoc />
    protected override CellResult Run(ExperimentContext context, InterpProbesConfig config)
    {
        var settings = config.Specimen(context.Seed);
        var folder = new RlhfWorkFolder(context.WorkDirectory);
        string[] stages = ["sft", "label", "dpo", "probe sft", "probe dpo", "patch sft", "patch dpo"];
        var stage = 0;
        var log = new StepProgress<string>(line => context.Progress.Report(new CellProgress((double)stage / stages.Length, $"{stages[stage]}: {line}")));
        void Next(int index)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            stage = index;
            context.Progress.Report(new CellProgress((double)index / stages.Length, stages[index]));
        }

        var sameConfig = File.Exists(folder.File(RlhfWorkFolder.ConfigFile)) && File.ReadAllText(folder.File(RlhfWorkFolder.ConfigFile)) == settings.ToJson();
        Next(0);
        if (!(sameConfig && File.Exists(folder.PolicyCheckpoint)))
        {
            RlhfFolderStages.Sft(settings, folder, log, context.Cancellation);
            sameConfig = false;
        }

        Next(1);
        if (!(sameConfig && File.Exists(folder.File(RlhfWorkFolder.TrainPairsFile)) && File.Exists(folder.File(RlhfWorkFolder.EvalPairsFile))))
        {
            RlhfFolderStages.Label(settings, folder, log);
        }

        Next(2);
        var (dpoRun, _) = RlhfFolderStages.Dpo(settings, folder, context.Store, log, resume: true, context.Cancellation)[0];
        using var sft = folder.LoadPolicy();
        using var dpo = ModelCheckpoint.LoadLanguageModel(SpecimenFolder.DpoPolicyFile(folder, settings));
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (index, name, policy) in new[] { (3, "sft", sft), (4, "dpo", dpo) })
        {
            Next(index);
            foreach (var (key, value) in LatentKnowledgeProbing.Probe(name, policy, settings, config, context.Seed, log, context.Cancellation))
            {
                values[key] = value;
            }
        }

        if (config.PatchPairs > 0)
        {
            foreach (var (index, name, policy) in new[] { (5, "sft", sft), (6, "dpo", dpo) })
            {
                Next(index);
                foreach (var (key, value) in AgreementPatching.Map(name, policy, settings, config.PatchPairs, context.Seed, context.Cancellation))
                {
                    values[key] = value;
                }
            }
        }

        context.Progress.Report(new CellProgress(1, "done"));
        return new CellResult([dpoRun.Id], values);
    }

    /// <inheritdoc />
    public override IReadOnlyList<ReportSection> Report(ReportContext context, IReadOnlyList<CellOutcome> cells) => InterpProbesReport.Sections(context, cells);
}
