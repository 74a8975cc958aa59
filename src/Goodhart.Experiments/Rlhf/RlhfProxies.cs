using Goodhart.Core;
using Goodhart.Core.Rlhf;
using Goodhart.Learning.Rlhf;

namespace Goodhart.Experiments.Rlhf;

/// <summary>
/// The proxies a best-of-n sweep or PPO can optimise, by the name the command line uses: the learned reward model
/// (<c>rm</c>), the ensemble's mean / worst-case / uncertainty-weighted objective (<c>mean</c>, <c>wco</c>,
/// <c>uwo</c>), the rater's own latent utility (<c>rater</c>: a perfect model of the rater) and the gold reward
/// (<c>gold</c>: the oracle); and DPO's implicit reward models (<c>implicit</c>: member 0, <c>implicit-mean</c>,
/// <c>implicit-wco</c>, <c>implicit-uwo</c>: the implicit ensemble of <c>goodhart rlhf implicit</c>).
/// </summary>
public static class RlhfProxies
{
    public static readonly IReadOnlyList<string> Names = ["rm", "mean", "wco", "uwo", "rater", "gold", "implicit", "implicit-mean", "implicit-wco", "implicit-uwo"];

    /// <summary>Whether the proxy needs the reward models of the work folder.</summary>
    public static bool NeedsRewardModels(string name) => name is "rm" or "mean" or "wco" or "uwo";

    /// <summary>Whether the proxy needs the implicit reward ensemble of the work folder.</summary>
    public static bool NeedsImplicitEnsemble(string name) => name.StartsWith("implicit", StringComparison.Ordinal);

    /// <summary>
    /// The scorers named, over shared cached <paramref name="members"/> (empty when none of the names needs them) and
    /// the implicit ensemble <paramref name="implicitEnsemble"/> (null when none needs it).
    /// </summary>
    public static IReadOnlyList<IRewardScorer> Create(
        IReadOnlyList<string> names, IReadOnlyList<RewardModel> members, RlhfConfig settings, ImplicitRewardEnsemble? implicitEnsemble = null)
    {
        RewardEnsemble Implicit(EnsembleAggregation aggregation, string suffix) =>
            implicitEnsemble!.Members.Count >= 2
                ? implicitEnsemble.Aggregate(aggregation, settings.UwoLambda, $"dpo-implicit-{implicitEnsemble.Members.Count}-{suffix}")
                : throw new UserInputException($"an implicit ensemble needs at least two members; `goodhart rlhf implicit --members 4` trains four (found {implicitEnsemble.Members.Count})");
        var cached = members.Select(m => (IRewardScorer)new CachedRewardScorer(m)).ToArray();
        RewardEnsemble Ensemble(EnsembleAggregation aggregation) =>
            cached.Length >= 2
                ? new RewardEnsemble(cached, aggregation, settings.UwoLambda)
                : throw new UserInputException($"an ensemble needs at least two reward models; `goodhart rlhf rm --members 4` trains four (found {cached.Length})");
        return names.Select(name => name switch
        {
            "rm" => new RenamedScorer(cached[0], "rm"),
            "mean" => Ensemble(EnsembleAggregation.Mean),
            "wco" => Ensemble(EnsembleAggregation.WorstCase),
            "uwo" => Ensemble(EnsembleAggregation.UncertaintyWeighted),
            "rater" => RaterUtility(settings),
            "gold" => (IRewardScorer)new GoldRewardScorer(),
            "implicit" => new RenamedScorer(implicitEnsemble!.Members[0], "dpo-implicit"),
            "implicit-mean" => Implicit(EnsembleAggregation.Mean, "mean"),
            "implicit-wco" => Implicit(EnsembleAggregation.WorstCase, "wco"),
            "implicit-uwo" => Implicit(EnsembleAggregation.UncertaintyWeighted, "uwo"),
            _ => throw new UnknownNameException("proxy", name, Names),
        }).ToArray();
    }

    /// <summary>The settings' rater's latent utility.</summary>
    public static RaterUtilityScorer RaterUtility(RlhfConfig settings) =>
        new(new SimulatedRater(RlhfRaters.Get(settings.Rater), RlhfSeeds.Derive(settings.Seed, RlhfSeeds.Rater)));

    /// <summary>Every proxy a work folder supports: the ensemble's three only with two or more reward models (or implicit members), rm (implicit) with one.</summary>
    public static IReadOnlyList<string> Available(RlhfWorkFolder folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        static int Count(Func<int, string> file)
        {
            var count = 0;
            while (File.Exists(file(count)))
                count++;
            return count;
        }

        var members = Count(folder.RewardModelFile);
        var implicitMembers = Count(folder.ImplicitMemberFile);
        return
        [
            .. members >= 1 ? new[] { "rm" } : [], .. members >= 2 ? new[] { "mean", "wco", "uwo" } : [],
            .. implicitMembers >= 1 ? new[] { "implicit" } : [], .. implicitMembers >= 2 ? new[] { "implicit-mean", "implicit-wco", "implicit-uwo" } : [],
            "rater", "gold",
        ];
    }

    /// <summary>Checks the names before any work starts.</summary>
    public static void Validate(IEnumerable<string> names)
    {
        foreach (var name in names)
        {
            if (!Names.Contains(name))
                throw new UnknownNameException("proxy", name, Names);
        }
    }
}
