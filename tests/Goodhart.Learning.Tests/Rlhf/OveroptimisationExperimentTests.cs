using System.Globalization;
using System.Text;
using System.Text.Json;
using Goodhart.Core.Rlhf;
using Goodhart.Learning.Checkpoints;
using Goodhart.Learning.Models;
using Goodhart.Learning.Rlhf;
using Goodhart.Learning.Training;
using Xunit.Abstractions;

namespace Goodhart.Learning.Tests.Rlhf;

/// <summary>
/// The overoptimisation experiment of docs/rlhf.md: one SFT policy (cached at GOODHART_RLHF_SFT), pairs of its samples
/// labelled by one rater, a reward-model ensemble, best-of-n against every proxy, PPO against chosen proxies and a DPO
/// beta sweep on the same pairs. Writes report.md (tables and fits), best_of_n.json, metrics.tsv and log.txt to
/// GOODHART_RLHF_OUT. Settings (environment variables, defaults in brackets): GOODHART_RLHF_SEED [1],
/// GOODHART_RLHF_RATER [typical], GOODHART_RLHF_STAGES [bon,ppo,dpo], GOODHART_RLHF_PPO, the scorers PPO runs against
/// among rm (or dpo-implicit), ensemble-4-mean, ensemble-4-wco, ensemble-4-uwo, utility and gold [rm,utility], GOODHART_RLHF_PPO_STEPS
/// [200], GOODHART_RLHF_PPO_EVAL [20], GOODHART_RLHF_KL_COEF [0.05], GOODHART_RLHF_PPO_LR [1e-4], GOODHART_RLHF_PAIRS [3000],
/// GOODHART_RLHF_EVAL_PAIRS [400], GOODHART_RLHF_MEMBERS [4; 0 trains none when nothing else needs them],
/// GOODHART_RLHF_RM_EPOCHS [2], GOODHART_RLHF_RM_LR [1e-3], GOODHART_RLHF_BON_PROMPTS [128], GOODHART_RLHF_BON_MAXN [256], GOODHART_RLHF_BETAS
/// [0.05,0.1,0.5], GOODHART_RLHF_DPO_EPOCHS [2], GOODHART_RLHF_BON_PROXY [models; <c>implicit</c> trains one DPO
/// policy with the first beta on the pairs (GOODHART_RLHF_MEMBERS of them, an ImplicitRewardEnsemble, resampled when
/// GOODHART_RLHF_BOOTSTRAP=1) and runs best-of-n and PPO against their implicit rewards instead of reward models].
/// Reward models are trained only when best-of-n or PPO needs them, pairs only when they or DPO do.
/// </summary>
[Trait("Category", "Slow")]
public class OveroptimisationExperimentTests(ITestOutputHelper output)
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    private static string Env(string name, string fallback) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v : fallback;

    [Fact]
    [Trait("Category", "Slow")]
    public void Overoptimisation_against_a_rater_with_best_of_n_ppo_and_dpo()
    {
        var folder = Env("GOODHART_RLHF_OUT", Directory.CreateTempSubdirectory("goodhart-overopt-").FullName);
        Directory.CreateDirectory(folder);
        var seed = ulong.Parse(Env("GOODHART_RLHF_SEED", "1"), C);
        var rater = Env("GOODHART_RLHF_RATER", "typical");
        var sftPath = Env("GOODHART_RLHF_SFT", Path.Combine(folder, "sft.safetensors"));
        var stages = Env("GOODHART_RLHF_STAGES", "bon,ppo,dpo").Split(',');
        var ppoScorers = Env("GOODHART_RLHF_PPO", "rm,utility").Split(',', StringSplitOptions.RemoveEmptyEntries);
        var ppoSteps = int.Parse(Env("GOODHART_RLHF_PPO_STEPS", "200"), C);
        var pairsCount = int.Parse(Env("GOODHART_RLHF_PAIRS", "3000"), C);
        var members = int.Parse(Env("GOODHART_RLHF_MEMBERS", "4"), C);
        var rmEpochs = int.Parse(Env("GOODHART_RLHF_RM_EPOCHS", "2"), C);
        var rmLearningRate = double.Parse(Env("GOODHART_RLHF_RM_LR", "1e-3"), C);
        var evalPairsCount = int.Parse(Env("GOODHART_RLHF_EVAL_PAIRS", "400"), C);
        var bonPrompts = int.Parse(Env("GOODHART_RLHF_BON_PROMPTS", "128"), C);
        var bonMaxN = int.Parse(Env("GOODHART_RLHF_BON_MAXN", "256"), C);
        var ppoEvalEvery = int.Parse(Env("GOODHART_RLHF_PPO_EVAL", "20"), C);
        var klCoef = double.Parse(Env("GOODHART_RLHF_KL_COEF", "0.05"), C);
        var ppoLearningRate = double.Parse(Env("GOODHART_RLHF_PPO_LR", "1e-4"), C);
        var betas = Env("GOODHART_RLHF_BETAS", "0.05,0.1,0.5").Split(',').Select(b => double.Parse(b, C)).ToArray();
        var dpoEpochs = int.Parse(Env("GOODHART_RLHF_DPO_EPOCHS", "2"), C);
        var implicitProxy = Env("GOODHART_RLHF_BON_PROXY", "models") == "implicit";
        var bootstrap = Env("GOODHART_RLHF_BOOTSTRAP", "0") == "1";
        var report = new StringBuilder();
        var log = new CallbackProgress<string>(line =>
        {
            var stamped = $"{DateTime.UtcNow:HH:mm:ss} {line}";
            output.WriteLine(stamped);
            File.AppendAllText(Path.Combine(folder, "log.txt"), stamped + Environment.NewLine);
        });
        void Report(string text)
        {
            report.AppendLine(text);
            log.Report(text);
            File.WriteAllText(Path.Combine(folder, "report.md"), report.ToString());
        }

        TorchRuntime.Initialize();
        TorchSharp.torch.set_num_threads(1);
        var pipeline = new RlhfPipeline(new RlhfPipelineOptions
        {
            Seed = seed, Rater = rater, TrainPairs = pairsCount, EvalPairs = evalPairsCount, EnsembleMembers = Math.Max(1, members),
            RewardModel = new RewardModelOptions { Epochs = rmEpochs, LearningRate = rmLearningRate }, BestOfNPrompts = bonPrompts,
            BestOfN = new BestOfNOptions { Ns = Enumerable.Range(0, 1 + (int)Math.Log2(bonMaxN)).Select(k => 1 << k).ToArray() },
        }, log);
        CausalLanguageModel policy;
        if (File.Exists(sftPath))
        {
            policy = ModelCheckpoint.LoadLanguageModel(sftPath);
            log.Report($"sft: loaded {sftPath}");
        }
        else
        {
            policy = pipeline.TrainPolicy(pipeline.SftCorpus()).Policy;
            ModelCheckpoint.Save(policy, sftPath);
        }

        using var policyScope = policy;
        Report($"# Overoptimisation, rater `{rater}`, seed {seed}\n\nSFT policy: `{sftPath}`\n");
        if (stages.SequenceEqual(["sft"]))
        {
            return;
        }

        var needsModels = !implicitProxy && ((stages.Contains("bon") && members > 0)
            || (stages.Contains("ppo") && ppoScorers.Any(n => n is not ("utility" or "gold"))));
        var needsPairs = needsModels || stages.Contains("dpo") || implicitProxy;
        IReadOnlyList<PreferencePair> trainPairs = [];
        IReadOnlyList<IRewardScorer> scorers = [new RaterUtilityScorer(new SimulatedRater(RaterCatalog.Default().Get(rater), seed)), new GoldRewardScorer()];
        if (needsPairs)
        {
            trainPairs = pipeline.LabelPairs(policy, pairsCount);
            Report(string.Create(C, $"pairs: {trainPairs.Count} train; the rater's choice has the higher gold score in {PreferenceDataSummary.Of(rater, trainPairs).GoldAgreement:0.000} of the training pairs whose gold scores differ\n"));
        }

        if (needsModels)
        {
            var evalPairs = pipeline.LabelPairs(policy, pipeline.Options.EvalPairs, heldOut: true);
            var models = pipeline.TrainRewardModels(policy, trainPairs).Select(m => m.Model).ToArray();
            scorers = pipeline.Scorers(models);
            Report($"{evalPairs.Count} held-out pairs\n\n| scorer | accuracy vs labels | accuracy vs gold | rater vs gold | rater ceiling | easy right-vs-wrong pairs: accuracy vs gold |\n|---|---:|---:|---:|---:|---:|");
            foreach (var scorer in scorers.Concat(models.Skip(1)))
            {
                var e = RewardModelEvaluation.Of(scorer, evalPairs);
                var easy = RewardModelEvaluation.CheckAccuracy(scorer, evalPairs);
                Report(string.Create(C, $"| {scorer.Name} | {e.Accuracy:0.000} | {e.GoldAccuracy:0.000} | {e.RaterGoldAccuracy:0.000} | {e.RaterCeiling:0.000} | {easy.Accuracy:0.000} ({easy.Count}) |"));
            }

            Report("");
        }

        var experiment = new RlhfOptimisationExperiment(new RlhfOptimisationExperimentOptions
        {
            Seed = seed, TorchThreads = 1,
            Ppo = new RlhfOptimisationExperimentOptions().Ppo with { Steps = ppoSteps, EvalEvery = ppoEvalEvery, KlCoef = klCoef, LearningRate = ppoLearningRate },
            Betas = betas,
            Dpo = new RlhfOptimisationExperimentOptions().Dpo with { Epochs = dpoEpochs },
        });
        using var reference = PolicyCopies.FrozenReference(policy);
        var evaluator = experiment.Evaluator(reference);
        var sft = evaluator.Evaluate(policy, 0);
        ImplicitRewardEnsemble? implicitEnsemble = null;
        if (implicitProxy)
        {
            // One DPO policy per member (member 0 alone is the single implicit reward model); members differ in the
            // seed of their data order and, with GOODHART_RLHF_BOOTSTRAP=1, in a bootstrap resample of the pairs.
            var beta = betas[0];
            var count = Math.Max(1, members);
            var evalPairs = pipeline.LabelPairs(policy, pipeline.Options.EvalPairs, heldOut: true);
            implicitEnsemble = ImplicitRewardEnsemble.Train(
                policy, reference, trainPairs, experiment.Options.Dpo with { Seed = seed, Beta = beta }, count, bootstrap, evaluator,
                new CallbackProgress<(int Member, RlhfProgress Progress)>(p =>
                {
                    if (p.Progress.Step % 25 == 0 || p.Progress.Step == p.Progress.Steps) log.Report(string.Create(C, $"dpo-implicit-{p.Member}: step {p.Progress.Step}/{p.Progress.Steps}"));
                }));
            Report(RunTable(implicitEnsemble.Runs[0], sft, GoodhartForm.ReinforcementLearning));
            var implicitScorers = implicitEnsemble.Members;
            var proxies = new List<IRewardScorer> { new RenamedScorer(implicitScorers[0], ImplicitName) };
            if (count > 1)
            {
                proxies.AddRange([.. new[] { EnsembleAggregation.Mean, EnsembleAggregation.WorstCase, EnsembleAggregation.UncertaintyWeighted }.Select(a => implicitEnsemble.Aggregate(a))]);
            }

            Report(string.Create(C, $"{evalPairs.Count} held-out pairs\n\n| scorer | accuracy vs labels | accuracy vs gold | rater vs gold | rater ceiling | easy right-vs-wrong pairs: accuracy vs gold |\n|---|---:|---:|---:|---:|---:|"));
            foreach (var scorer in proxies.Concat(implicitScorers.Skip(1)))
            {
                var e = RewardModelEvaluation.Of(scorer, evalPairs);
                var easy = RewardModelEvaluation.CheckAccuracy(scorer, evalPairs);
                Report(string.Create(C, $"| {scorer.Name} | {e.Accuracy:0.000} | {e.GoldAccuracy:0.000} | {e.RaterGoldAccuracy:0.000} | {e.RaterCeiling:0.000} | {easy.Accuracy:0.000} ({easy.Count}) |"));
            }

            Report("");
            scorers = [.. proxies, .. scorers];
        }

        if (stages.Contains("bon"))
        {
            var curves = pipeline.RunBestOfN(policy, scorers);
            File.WriteAllText(Path.Combine(folder, "best_of_n.json"), JsonSerializer.Serialize(curves, JsonLines.Options));
            Report("## Best-of-n\n\n| scorer | gold n=1 | gold peak (n, KL) | gold n=max | proxy n=1 -> max | fit alpha | beta | R^2 | d* (KL*) |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var curve in curves)
            {
                var fit = curve.FitGold();
                var peak = curve.GoldPeak;
                Report(string.Create(C, $"| {curve.Scorer} | {curve.Points[0].GoldMean:0.000} | {peak.GoldMean:0.000} ({peak.N}, {peak.AnalyticKl:0.00}) | {curve.Points[^1].GoldMean:0.000} | {curve.Points[0].ProxyMean:0.000} -> {curve.Points[^1].ProxyMean:0.000} | {fit.Alpha:0.000} | {fit.Beta:0.000} | {fit.RSquared:0.00} | {Peak(fit)} |"));
            }

            foreach (var curve in curves)
            {
                Report($"\n### best-of-n against `{curve.Scorer}`\n\n" + curve.ToMarkdown());
            }
        }

        var runs = new List<PolicyOptimisationResult>();
        if (stages.Contains("ppo"))
        {
            foreach (var name in ppoScorers)
            {
                var scorer = scorers.Single(s => s.Name == name || (name == "utility" && s.Name.EndsWith("-utility", StringComparison.Ordinal)));
                var run = experiment.RunPpo(policy, scorer, evaluator, log);
                runs.Add(run);
                Report(RunTable(run, sft, GoodhartForm.ReinforcementLearning));
                File.AppendAllLines(Path.Combine(folder, "metrics.tsv"), run.Metrics.Select(m => string.Create(C, $"{run.Method}\t{m.Step}\t{m.Name}\t{m.Value:R}")));
            }
        }

        if (stages.Contains("dpo"))
        {
            foreach (var run in experiment.RunDpo(policy, trainPairs, evaluator, rater, log))
            {
                runs.Add(run);
                Report(RunTable(run, sft, GoodhartForm.ReinforcementLearning));
                File.AppendAllLines(Path.Combine(folder, "metrics.tsv"), run.Metrics.Select(m => string.Create(C, $"{run.Method}\t{m.Step}\t{m.Name}\t{m.Value:R}")));
            }
        }

        implicitEnsemble?.Dispose();
        Assert.True(!needsPairs || trainPairs.Count > pairsCount / 2);
    }

    private const string ImplicitName = "dpo-implicit";

    private static string Peak(GoodhartFit fit) =>
        fit.PeakD is { } d ? string.Create(C, $"{d:0.00} ({d * d:0.00})") : "none";

    private static string RunTable(PolicyOptimisationResult run, PolicyEvaluation sft, GoodhartForm form)
    {
        var text = new StringBuilder();
        var evaluations = run.Evaluations.Where(e => e.Step > 0).Prepend(sft).ToArray();
        var fit = GoodhartFit.Fit(form, evaluations.Select(e => (e.SqrtKl, e.GoldScore - sft.GoldScore)).ToArray());
        var peak = evaluations.MaxBy(e => e.GoldScore)!;
        text.AppendLine(C, $"\n### {run.Method} ({run.Seconds:0} s)\n");
        text.AppendLine(C, $"gold peak {peak.GoldScore:0.000} at step {peak.Step} (sqrt KL {peak.SqrtKl:0.00}); fit {form}: alpha {fit.Alpha:0.000} beta {fit.Beta:0.000} R^2 {fit.RSquared:0.00} d* {Peak(fit)}\n");
        text.AppendLine("| step | gold | KL | sqrt KL | proxy | accuracy | confident-wrong | sycophancy | hedging | flattery | length | unparseable |");
        text.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var e in evaluations)
        {
            var b = e.Behaviour;
            text.AppendLine(C, $"| {e.Step} | {e.GoldScore:0.000} | {e.Kl:0.00} | {e.SqrtKl:0.00} | {(e.ProxyScore is { } p ? p.ToString("0.000", C) : "")} | {b.Accuracy:0.000} | {b.ConfidentWrongRate:0.000} | {(b.SycophancyRate is { } s ? s.ToString("0.000", C) : "")} | {b.HedgingRate:0.000} | {b.FlatteryRate:0.000} | {b.MeanLength:0.0} | {b.UnparseableRate:0.000} |");
        }

        return text.ToString();
    }

    private sealed class CallbackProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
