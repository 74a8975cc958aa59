using System.Globalization;
using System.Text.Json;
using Goodhart.Core.Rlhf;
using Goodhart.Core.Runs;
using Goodhart.Learning.Checkpoints;
using Goodhart.Learning.Rlhf;
using Goodhart.Learning.Training;
using Goodhart.Reports.Rlhf;

namespace Goodhart.Experiments.Rlhf;

/// <summary>
/// The <see cref="RlhfStages"/> in a work folder (<see cref="RlhfWorkFolder"/>): each reads what the earlier stages
/// left there, runs its stage, saves what it trained (checkpoints, resumable with <c>resume</c>), writes its result
/// file and stores its runs through <see cref="RlhfRuns"/>. <c>goodhart rlhf STAGE</c> and the <c>rlhf-pipeline</c>
/// experiment kind both run these. Progress goes to <c>log</c> as short lines.
/// </summary>
public static class RlhfFolderStages
{
    /// <summary>SFT: writes <c>sft.jsonl</c>, the policy checkpoint (<c>policy/</c>) and <c>config.json</c>.</summary>
    public static SupervisedResult Sft(RlhfConfig settings, RlhfWorkFolder folder, IProgress<string> log, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(folder);
        folder.Create();
        RlhfRaters.Get(settings.Rater);
        var corpus = RlhfStages.SftCorpus(settings);
        JsonLines.Write(folder.File(RlhfWorkFolder.SftCorpusFile), corpus);
        var every = Math.Max(1, settings.SftSteps / 10);
        var (policy, result) = RlhfStages.Sft(settings, corpus, Path.Combine(folder.Path, RlhfWorkFolder.PolicyFolder), new StepProgress<SupervisedProgress>(p =>
        {
            if (p.Step % every == 0 || p.Step == p.Steps)
                log.Report(FormattableString.Invariant($"sft step {p.Step}/{p.Steps} loss {p.Loss:0.000}"));
        }), cancellationToken);
        policy.Dispose();
        File.WriteAllText(folder.File(RlhfWorkFolder.ConfigFile), settings.ToJson());
        return result;
    }

    /// <summary>Labelling: two policy samples per fresh prompt, labelled by the rater; writes the train and held-out pairs and updates <c>config.json</c>.</summary>
    public static (PreferenceDataSummary Train, PreferenceDataSummary Eval) Label(RlhfConfig settings, RlhfWorkFolder folder, IProgress<string> log)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(folder);
        var rater = RlhfRaters.Get(settings.Rater);
        using var policy = folder.LoadPolicy();
        var train = RlhfStages.Label(settings, policy, heldOut: false, new StepProgress<int>(done => log.Report($"labelling: sampled {done} train responses")));
        var eval = RlhfStages.Label(settings, policy, heldOut: true, new StepProgress<int>(done => log.Report($"labelling: sampled {done} held-out responses")));
        JsonLines.Write(folder.File(RlhfWorkFolder.TrainPairsFile), train);
        JsonLines.Write(folder.File(RlhfWorkFolder.EvalPairsFile), eval);
        // The later stages read the rater (and the rest) from config.json: record what these pairs were labelled with.
        File.WriteAllText(folder.File(RlhfWorkFolder.ConfigFile), settings.ToJson());
        return (PreferenceDataSummary.Of(rater.Name, train), PreferenceDataSummary.Of(rater.Name, eval));
    }

    /// <summary>Reward models: trains the members, saves <c>rm-k.safetensors</c>, evaluates every scorer on the held-out pairs, writes <c>rm.json</c> and stores the run.</summary>
    public static (RunRecord Run, IReadOnlyList<(string Name, RewardModelEvaluation Evaluation)> Evaluations) RewardModels(
        RlhfConfig settings, RlhfWorkFolder folder, RunStore store, IProgress<string> log, bool resume = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(folder);
        RlhfRaters.Get(settings.Rater);
        using var policy = folder.LoadPolicy();
        var train = folder.LoadPairs(heldOut: false);
        var eval = folder.LoadPairs(heldOut: true);
        // The held-out pairs are scored, not trained on: check them before training so that a prompt too long for the
        // reward model's context (initialised from the policy's) is one line naming the file and line, not a crash later.
        PreferenceRows.CheckPromptRoom(eval, policy.Options.ContextLength);
        var steps = settings.RewardModelOptions.StepsFor(train.Count);
        var every = Math.Max(1, steps / 5);
        var members = RlhfStages.RewardModels(settings, policy, train, folder.Checkpoints("rm", resume), new StepProgress<(int Member, RewardModelStep Step)>(p =>
        {
            if (p.Step.Step % every == 0 || p.Step.Step == p.Step.Steps)
                log.Report(FormattableString.Invariant($"rm-{p.Member} step {p.Step.Step}/{p.Step.Steps} loss {p.Step.Loss:0.000} accuracy {p.Step.Accuracy:0.00}"));
        }), cancellationToken);
        var models = members.Select(m => m.Model).ToArray();
        try
        {
            for (var k = 0; File.Exists(folder.RewardModelFile(k)); k++)
                File.Delete(folder.RewardModelFile(k));
            foreach (var (model, k) in models.Select((m, k) => (m, k)))
                model.Save(folder.RewardModelFile(k));
            log.Report("evaluating every scorer on the held-out pairs");
            var evaluations = RlhfStages.EvaluateRewardModels(settings, models, eval);
            var training = members.Select(m => (m.Model.Name, m.Result)).ToArray();
            var json = new
            {
                members = training.Select(t => new { name = t.Name, first_loss = t.Result.FirstLoss(), last_loss = t.Result.LastLoss(), last_accuracy = t.Result.LastAccuracy(), seconds = t.Result.Seconds }),
                evaluations = evaluations.Select(e => new { name = e.Name, evaluation = e.Evaluation }),
            };
            File.WriteAllText(folder.File(RlhfWorkFolder.RewardModelsFile), JsonSerializer.Serialize(json, RlhfJson.Files));
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
    /// DPO's implicit reward models (<see cref="RlhfStages.Implicit"/>), saved as <c>implicit-k.safetensors</c>;
    /// evaluates each member and aggregation on the held-out pairs and writes <c>implicit.json</c>.
    /// </summary>
    public static IReadOnlyList<(string Name, RewardModelEvaluation Evaluation)> ImplicitRewardModels(
        RlhfConfig settings, RlhfWorkFolder folder, bool bootstrap, IProgress<string> log)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(folder);
        RlhfRaters.Get(settings.Rater);
        using var policy = folder.LoadPolicy();
        var train = folder.LoadPairs(heldOut: false);
        var eval = folder.LoadPairs(heldOut: true);
        var beta = settings.Betas[0];
        using var reference = PolicyCopies.FrozenReference(policy);
        using var ensemble = RlhfStages.Implicit(settings, policy, reference, train, bootstrap, new StepProgress<(int Member, RlhfProgress Progress)>(p =>
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
        File.WriteAllText(folder.File(RlhfWorkFolder.ImplicitRewardModelsFile), JsonSerializer.Serialize(json, RlhfJson.Files));
        return evaluations;
    }

    /// <summary>Best-of-n against each named proxy on one shared pool; writes <c>bon.json</c> and stores one run per proxy.</summary>
    public static IReadOnlyList<(RunRecord Run, RlhfCurve Curve)> BestOfN(
        RlhfConfig settings, RlhfWorkFolder folder, RunStore store, IReadOnlyList<string> proxies, IProgress<string> log, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(store);
        RlhfProxies.Validate(proxies);
        RlhfRaters.Get(settings.Rater);
        using var policy = folder.LoadPolicy();
        var members = proxies.Any(RlhfProxies.NeedsRewardModels) ? folder.LoadRewardModels() : [];
        // The implicit proxies read log-ratios against the SFT policy: a frozen copy of it, only when one is asked for.
        using var reference = proxies.Any(RlhfProxies.NeedsImplicitEnsemble) ? PolicyCopies.FrozenReference(policy) : null;
        using var implicitEnsemble = reference is null ? null : folder.LoadImplicitEnsemble(reference);
        try
        {
            var scorers = RlhfProxies.Create(proxies, members, settings, implicitEnsemble);
            var curves = RlhfStages.BestOfN(settings, policy, scorers, log, cancellationToken);
            File.WriteAllText(folder.File(RlhfWorkFolder.BestOfNFile), JsonSerializer.Serialize(
                curves.Select(c => new { curve = c, fit = TryFit(c), turn = c.Turn() }), RlhfJson.Files));
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

    /// <summary>PPO from the SFT policy against the named proxy, evaluated on held-out prompts; saves the policy and value model, writes <c>ppo-PROXY.json</c> and stores the run.</summary>
    public static (RunRecord Run, PolicyOptimisationResult Result) Ppo(
        RlhfConfig settings, RlhfWorkFolder folder, RunStore store, string proxy, IProgress<string> log, bool resume = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(folder);
        RlhfProxies.Validate([proxy]);
        RlhfRaters.Get(settings.Rater);
        using var sft = folder.LoadPolicy();
        var members = RlhfProxies.NeedsRewardModels(proxy) ? folder.LoadRewardModels() : [];
        using var reference = PolicyCopies.FrozenReference(sft);
        using var implicitEnsemble = RlhfProxies.NeedsImplicitEnsemble(proxy) ? folder.LoadImplicitEnsemble(reference) : null;
        try
        {
            var scorer = RlhfProxies.Create([proxy], members, settings, implicitEnsemble)[0];
            var name = "ppo-" + scorer.Name;
            var (policy, valueModel, result) = RlhfStages.Ppo(
                settings, sft, reference, scorer, RlhfStages.Evaluator(settings, reference), folder.Checkpoints(name, resume),
                StepLog(log, name, PpoStepStatistics.ScoresName), cancellationToken);
            using (policy)
            using (valueModel)
            {
                ModelCheckpoint.Save(policy, folder.File(name + ".safetensors"));
                ModelCheckpoint.Save(valueModel, folder.File(name + ".value.safetensors"));
            }
            WriteResult(folder, result);
            var run = RlhfRuns.StorePolicyRun(store, RunKind.Ppo, settings, folder, result, ("proxy", scorer.Name), ("kl_coef", settings.KlCoef));
            return (run, result);
        }
        finally
        {
            foreach (var m in members)
                m.Dispose();
        }
    }

    /// <summary>DPO from the SFT policy on the labelled training pairs, one run per beta; saves each policy, writes <c>dpo-....json</c> and stores the runs.</summary>
    public static IReadOnlyList<(RunRecord Run, PolicyOptimisationResult Result)> Dpo(
        RlhfConfig settings, RlhfWorkFolder folder, RunStore store, IProgress<string> log, bool resume = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(folder);
        RlhfRaters.Get(settings.Rater);
        using var sft = folder.LoadPolicy();
        var pairs = folder.LoadPairs(heldOut: false);
        using var reference = PolicyCopies.FrozenReference(sft);
        var evaluator = RlhfStages.Evaluator(settings, reference);
        var runs = new List<(RunRecord, PolicyOptimisationResult)>();
        foreach (var beta in settings.Betas)
        {
            var name = RlhfStages.DpoName(settings, beta);
            var (policy, result) = RlhfStages.Dpo(
                settings, sft, reference, pairs, beta, evaluator, folder.Checkpoints(name, resume), StepLog(log, name, DpoStepStatistics.MarginsName), cancellationToken);
            using (policy)
                ModelCheckpoint.Save(policy, folder.File(name + ".safetensors"));
            WriteResult(folder, result);
            runs.Add((RlhfRuns.StorePolicyRun(store, RunKind.Dpo, settings, folder, result, ("beta", beta), ("pairs", pairs.Count)), result));
        }
        return runs;
    }

    /// <summary>
    /// The sweep's result file, <c>sweep.json</c>: per stored run its id, method, kind, rater, the stored summary (with
    /// the Gao fit) and every point; returns its path.
    /// </summary>
    public static string WriteSweep(RlhfWorkFolder folder, IReadOnlyList<(string RunId, RlhfCurve Curve)> curves)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(curves);
        var json = curves.Select(c => new
        {
            run_id = c.RunId, method = c.Curve.Method, kind = c.Curve.Kind, rater = c.Curve.Rater,
            summary = JsonDocument.Parse(RlhfRuns.Summary(c.Curve)).RootElement,
            points = c.Curve.Points,
        });
        var path = folder.File(RlhfWorkFolder.SweepFile);
        File.WriteAllText(path, JsonSerializer.Serialize(json, RlhfJson.Files));
        return path;
    }

    /// <summary>A progress line per PPO iteration / DPO step: <c>NAME step 3/30 METRIC 0.412</c>.</summary>
    private static StepProgress<RlhfProgress> StepLog(IProgress<string> log, string name, string metric) => new(p =>
    {
        var value = p.Metrics.FirstOrDefault(m => m.Name == metric)?.Value ?? double.NaN;
        log.Report(string.Create(CultureInfo.InvariantCulture, $"{name} step {p.Step}/{p.Steps} {metric} {value:0.000}"));
    });

    private static GoodhartFit? TryFit(BestOfNCurve curve)
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
        File.WriteAllText(folder.File(result.Method + ".json"), JsonSerializer.Serialize(json, RlhfJson.Files));
    }
}
