using System.Globalization;
using System.Text.Json;
using Goodhart.Reports.Rlhf;
using Goodhart.Core.Rlhf;
using Goodhart.Core.Runs;
using Goodhart.Learning.Checkpoints;
using Goodhart.Learning.Models;
using Goodhart.Learning.Rlhf;
using Goodhart.Learning.Training;

namespace Goodhart.Cli.Commands.Rlhf;

/// <summary>
/// The pipeline's stages as the commands run them: each reads what the earlier stages left in the work folder,
/// runs the library (<see cref="RlhfPipeline"/>, <see cref="RlhfOptimisationExperiment"/>), writes its files and,
/// for runs along the pressure axis, stores them in the run store.
/// </summary>
internal static class RlhfStages
{
    /// <summary>SFT: writes <c>sft.jsonl</c>, the policy checkpoint (<c>policy/</c>) and <c>config.json</c>.</summary>
    public static SupervisedResult Sft(RlhfSettings settings, RlhfWorkFolder folder, IProgress<string> log)
    {
        folder.Create();
        Raters.Get(settings.Rater);
        var pipeline = new RlhfPipeline(settings.Pipeline(), log);
        var corpus = pipeline.SftCorpus();
        JsonLines.Write(folder.File(RlhfWorkFolder.SftCorpusFile), corpus);
        var (policy, result) = pipeline.TrainPolicy(corpus, Path.Combine(folder.Path, RlhfWorkFolder.PolicyFolder));
        policy.Dispose();
        File.WriteAllText(folder.File(RlhfOptions.ConfigFile), settings.ToJson());
        return result;
    }

    /// <summary>Labelling: two policy samples per fresh prompt, labelled by the rater; writes the train and held-out pairs and updates <c>config.json</c>.</summary>
    public static (PreferenceDataSummary Train, PreferenceDataSummary Eval) Label(RlhfSettings settings, RlhfWorkFolder folder, IProgress<string> log)
    {
        var rater = Raters.Get(settings.Rater);
        using var policy = folder.LoadPolicy();
        var pipeline = new RlhfPipeline(settings.Pipeline(), log);
        var train = pipeline.LabelPairs(policy, settings.TrainPairs);
        var eval = pipeline.LabelPairs(policy, settings.EvalPairs, heldOut: true);
        JsonLines.Write(folder.File(RlhfWorkFolder.TrainPairsFile), train);
        JsonLines.Write(folder.File(RlhfWorkFolder.EvalPairsFile), eval);
        // The later stages read the rater (and the rest) from config.json: record what these pairs were labelled with.
        File.WriteAllText(folder.File(RlhfOptions.ConfigFile), settings.ToJson());
        return (PreferenceDataSummary.Of(rater.Name, train), PreferenceDataSummary.Of(rater.Name, eval));
    }

    /// <summary>Reward models: trains the members, saves <c>rm-k.safetensors</c>, evaluates every scorer on the held-out pairs, writes <c>rm.json</c> and stores the run.</summary>
    public static (RunRecord Run, IReadOnlyList<(string Name, RewardModelEvaluation Evaluation)> Evaluations) RewardModels(
        RlhfSettings settings, RlhfWorkFolder folder, RunStore store, IProgress<string> log, bool resume = false)
    {
        Raters.Get(settings.Rater);
        using var policy = folder.LoadPolicy();
        var train = folder.LoadPairs(heldOut: false);
        var eval = folder.LoadPairs(heldOut: true);
        var pipeline = new RlhfPipeline(settings.Pipeline(), log);
        var members = pipeline.TrainRewardModels(policy, train, folder.Checkpoints("rm", resume));
        var models = members.Select(m => m.Model).ToArray();
        try
        {
            for (var k = 0; File.Exists(folder.RewardModelFile(k)); k++)
                File.Delete(folder.RewardModelFile(k));
            foreach (var (model, k) in models.Select((m, k) => (m, k)))
                model.Save(folder.RewardModelFile(k));
            log.Report("evaluating every scorer on the held-out pairs");
            var evaluations = pipeline.Scorers(models).Select(s => (s.Name, Evaluation: RewardModelEvaluation.Of(s, eval)))
                .Concat(models.Skip(1).Select(m => (m.Name, Evaluation: RewardModelEvaluation.Of(m, eval))))
                .ToArray();
            var training = members.Select(m => (m.Model.Name, m.Result)).ToArray();
            var json = new
            {
                members = training.Select(t => new { name = t.Name, first_loss = t.Result.FirstLoss(), last_loss = t.Result.LastLoss(), last_accuracy = t.Result.LastAccuracy(), seconds = t.Result.Seconds }),
                evaluations = evaluations.Select(e => new { name = e.Name, evaluation = e.Evaluation }),
            };
            File.WriteAllText(folder.File(RlhfWorkFolder.RewardModelsFile), JsonSerializer.Serialize(json, RlhfSettings.Files));
            var run = RlhfRuns.StoreRewardModels(store, settings, folder, training, evaluations);
            return (run, evaluations);
        }
        finally
        {
            foreach (var model in models)
                model.Dispose();
        }
    }

    /// <summary>
    /// DPO's implicit reward models: <see cref="RlhfSettings.RmMembers"/> DPO policies at the first beta on the
    /// training pairs (<see cref="ImplicitRewardEnsemble"/>, bootstrap-resampled with <paramref name="bootstrap"/>),
    /// saved as <c>implicit-k.safetensors</c>; evaluates each member and aggregation on the held-out pairs and writes
    /// <c>implicit.json</c>.
    /// </summary>
    public static IReadOnlyList<(string Name, RewardModelEvaluation Evaluation)> ImplicitRewardModels(
        RlhfSettings settings, RlhfWorkFolder folder, bool bootstrap, IProgress<string> log)
    {
        Raters.Get(settings.Rater);
        using var policy = folder.LoadPolicy();
        var train = folder.LoadPairs(heldOut: false);
        var eval = folder.LoadPairs(heldOut: true);
        var experiment = new RlhfOptimisationExperiment(settings.Optimisation());
        var beta = settings.Betas[0];
        using var reference = PolicyCopies.FrozenReference(policy);
        using var ensemble = ImplicitRewardEnsemble.Train(
            policy, reference, train, experiment.Options.Dpo with { Seed = experiment.Options.Seed, Beta = beta }, settings.RmMembers, bootstrap,
            progress: new StepProgress<(int Member, RlhfProgress Progress)>(p =>
            {
                if (p.Progress.Step == p.Progress.Steps || p.Progress.Step % Math.Max(1, p.Progress.Steps / 5) == 0)
                    log.Report(string.Create(CultureInfo.InvariantCulture, $"dpo-implicit-{p.Member} step {p.Progress.Step}/{p.Progress.Steps}"));
            }));
        for (var k = 0; File.Exists(folder.ImplicitMemberFile(k)); k++)
            File.Delete(folder.ImplicitMemberFile(k));
        var metadata = new Dictionary<string, string> { [RlhfWorkFolder.ImplicitBetaKey] = beta.ToString("R", CultureInfo.InvariantCulture) };
        foreach (var (member, k) in ensemble.Policies.Select((p, k) => (p, k)))
            ModelCheckpoint.Save(member, folder.ImplicitMemberFile(k), metadata);
        log.Report("evaluating every implicit scorer on the held-out pairs");
        var names = ensemble.Members.Count >= 2 ? new[] { "implicit", "implicit-mean", "implicit-wco", "implicit-uwo" } : ["implicit"];
        var evaluations = RlhfProxies.Create(names, [], settings, ensemble).Concat(ensemble.Members.Skip(1))
            .Select(s => (s.Name, Evaluation: RewardModelEvaluation.Of(s, eval)))
            .ToArray();
        var json = new
        {
            beta,
            bootstrap,
            members = ensemble.Runs.Select(r => new { name = r.Method, steps = r.Steps, seconds = r.Seconds }),
            evaluations = evaluations.Select(e => new { name = e.Name, evaluation = e.Evaluation }),
        };
        File.WriteAllText(folder.File(RlhfWorkFolder.ImplicitRewardModelsFile), JsonSerializer.Serialize(json, RlhfSettings.Files));
        return evaluations;
    }

    /// <summary>Best-of-n against each named proxy on one shared pool; writes <c>bon.json</c> and stores one run per proxy.</summary>
    public static IReadOnlyList<(RunRecord Run, RlhfCurve Curve)> BestOfN(
        RlhfSettings settings, RlhfWorkFolder folder, RunStore store, IReadOnlyList<string> proxies, IProgress<string> log)
    {
        RlhfProxies.Validate(proxies);
        Raters.Get(settings.Rater);
        using var policy = folder.LoadPolicy();
        var members = proxies.Any(RlhfProxies.NeedsRewardModels) ? folder.LoadRewardModels() : [];
        // The implicit proxies read log-ratios against the SFT policy: a frozen copy of it, only when one is asked for.
        using var reference = proxies.Any(RlhfProxies.NeedsImplicitEnsemble) ? PolicyCopies.FrozenReference(policy) : null;
        using var implicitEnsemble = reference is null ? null : folder.LoadImplicitEnsemble(reference);
        try
        {
            var scorers = RlhfProxies.Create(proxies, members, settings, implicitEnsemble);
            var curves = new RlhfPipeline(settings.Pipeline(), log).RunBestOfN(policy, scorers);
            File.WriteAllText(folder.File(RlhfWorkFolder.BestOfNFile), JsonSerializer.Serialize(
                curves.Select(c => new { curve = c, fit = TryFit(c), turn = c.Turn() }), RlhfSettings.Files));
            return curves.Select(c =>
            {
                var run = RlhfRuns.StoreBestOfN(store, settings, folder, c);
                return (run, RlhfCurve.FromRun(run, store.GetMetrics(run.Id))!);
            }).ToArray();
        }
        finally
        {
            foreach (var m in members)
                m.Dispose();
        }
    }

    /// <summary>PPO from the SFT policy against the named proxy, evaluated on held-out prompts; writes <c>ppo-PROXY.json</c> and stores the run.</summary>
    public static (RunRecord Run, PolicyOptimisationResult Result) Ppo(
        RlhfSettings settings, RlhfWorkFolder folder, RunStore store, string proxy, IProgress<string> log, bool resume = false)
    {
        RlhfProxies.Validate([proxy]);
        Raters.Get(settings.Rater);
        using var sft = folder.LoadPolicy();
        var members = RlhfProxies.NeedsRewardModels(proxy) ? folder.LoadRewardModels() : [];
        using var reference = PolicyCopies.FrozenReference(sft);
        using var implicitEnsemble = RlhfProxies.NeedsImplicitEnsemble(proxy) ? folder.LoadImplicitEnsemble(reference) : null;
        try
        {
            var scorer = RlhfProxies.Create([proxy], members, settings, implicitEnsemble)[0];
            // RlhfOptimisationExperiment.RunPpo, step by step, keeping the trained policy and value model for their checkpoints.
            var experiment = new RlhfOptimisationExperiment(settings.Optimisation());
            var options = experiment.Options;
            using var policy = PolicyCopies.Clone(sft);
            using var valueModel = ScalarHeadModel.FromPolicy(sft, options.Seed);
            var name = "ppo-" + scorer.Name;
            using var trainer = new PpoTrainer(policy, reference, valueModel, scorer, options.Ppo with { Seed = options.Seed })
            {
                CheckpointDirectory = folder.Checkpoints(name, resume), CheckpointEvery = options.Ppo.EvalEvery,
            };
            var result = trainer.Train(experiment.TrainPrompts(), experiment.Evaluator(reference), StepLog(log, name, PpoStepStatistics.ScoresName)) with { Method = name };
            ModelCheckpoint.Save(policy, folder.File(name + ".safetensors"));
            ModelCheckpoint.Save(valueModel, folder.File(name + ".value.safetensors"));
            WriteResult(folder, result);
            var run = RlhfRuns.StorePolicyRun(store, RlhfMetricNames.PpoKind, settings, folder, result, ("proxy", scorer.Name), ("kl_coef", settings.KlCoef));
            return (run, result);
        }
        finally
        {
            foreach (var m in members)
                m.Dispose();
        }
    }

    /// <summary>DPO from the SFT policy on the labelled training pairs, one run per beta; writes <c>dpo-....json</c> and stores the runs.</summary>
    public static IReadOnlyList<(RunRecord Run, PolicyOptimisationResult Result)> Dpo(
        RlhfSettings settings, RlhfWorkFolder folder, RunStore store, IProgress<string> log, bool resume = false)
    {
        var rater = Raters.Get(settings.Rater);
        using var sft = folder.LoadPolicy();
        var pairs = folder.LoadPairs(heldOut: false);
        // RlhfOptimisationExperiment.RunDpo (DpoBetaSweep), beta by beta, keeping each trained policy for its checkpoint.
        var experiment = new RlhfOptimisationExperiment(settings.Optimisation());
        var options = experiment.Options;
        using var reference = PolicyCopies.FrozenReference(sft);
        var evaluator = experiment.Evaluator(reference);
        var runs = new List<(RunRecord, PolicyOptimisationResult)>();
        foreach (var beta in settings.Betas)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"dpo-{rater.Name}-beta-{beta}");
            using var policy = PolicyCopies.Clone(sft);
            using var trainer = new DpoTrainer(policy, reference, options.Dpo with { Seed = options.Seed, Beta = beta })
            {
                CheckpointDirectory = folder.Checkpoints(name, resume), CheckpointEvery = options.Dpo.EvalEvery,
            };
            var result = trainer.Train(pairs, evaluator, StepLog(log, name, DpoStepStatistics.MarginsName)) with { Method = name };
            ModelCheckpoint.Save(policy, folder.File(name + ".safetensors"));
            WriteResult(folder, result);
            runs.Add((RlhfRuns.StorePolicyRun(store, RlhfMetricNames.DpoKind, settings, folder, result, ("beta", beta), ("pairs", pairs.Count)), result));
        }
        return runs;
    }

    /// <summary>A progress line per PPO iteration / DPO step: <c>NAME step 3/30 METRIC 0.412</c>.</summary>
    private static IProgress<RlhfProgress> StepLog(IProgress<string> log, string name, string metric) => new StepProgress<RlhfProgress>(p =>
    {
        var value = p.Metrics.FirstOrDefault(m => m.Name == metric)?.Value ?? double.NaN;
        log.Report(string.Create(CultureInfo.InvariantCulture, $"{name} step {p.Step}/{p.Steps} {metric} {value:0.000}"));
    });

    private static Core.Rlhf.GoodhartFit? TryFit(BestOfNCurve curve)
    {
        try
        {
            return curve.FitGold();
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static void WriteResult(RlhfWorkFolder folder, PolicyOptimisationResult result)
    {
        var json = new
        {
            method = result.Method,
            steps = result.Steps,
            seconds = result.Seconds,
            evaluations = result.Evaluations.Select(e => new
            {
                step = e.Step, gold = e.GoldScore, kl = e.Kl, kl_standard_error = e.KlStandardError, sqrt_kl = e.SqrtKl,
                proxy = e.ProxyScore, behaviour = e.Behaviour,
            }),
            metrics = result.Metrics.GroupBy(m => m.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(m => new[] { m.Step, m.Value })),
        };
        File.WriteAllText(folder.File(result.Method + ".json"), JsonSerializer.Serialize(json, RlhfSettings.Files));
    }

    private sealed class StepProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
