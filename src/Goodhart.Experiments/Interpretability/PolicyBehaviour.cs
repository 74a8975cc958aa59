using Goodhart.Core.Rlhf;
using Goodhart.Core.Runs;
using Goodhart.Learning;
using Goodhart.Learning.Generation;
using Goodhart.Learning.Interpretability;
using Goodhart.Learning.Models;
using Goodhart.Learning.Rlhf;

namespace Goodhart.Experiments.Interpretability;

/// <summary>
/// One sample per prompt from a policy (optionally under hooks, e.g. steering), judged against the truth: behaviour
/// rates and mean gold, each with its standard error over the prompts.
/// </summary>
public static class PolicyBehaviour
{
    /// <summary>
    /// Samples <paramref name="policy"/> on <paramref name="prompts"/> (texts: <paramref name="texts"/> when given,
    /// else each prompt's own) from stream <paramref name="stream"/> of <paramref name="seed"/> with
    /// <paramref name="hooks"/> attached, and returns the named measures with their <c>_se</c>.
    /// </summary>
    public static Dictionary<string, double> Measure(
        CausalLanguageModel policy, IReadOnlyList<ArithmeticPrompt> prompts, SamplingOptions sampling, ulong seed, ulong stream,
        ActivationHooks? hooks = null, IReadOnlyList<string>? texts = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(prompts);
        var device = policy.Backbone.TokenEmbedding.device;
        using var generator = TorchRuntime.CreateGenerator(seed, stream, device);
        string[][] samples;
        var inputs = texts ?? prompts.Select(p => p.Text).ToArray();
        using (hooks is null ? null : policy.Backbone.UseHooks(hooks))
            samples = ResponseSampling.Sample(policy, inputs, 1, sampling, generator);
        var responses = samples.Select(s => s[0]).ToArray();
        var behaviour = BehaviourMetrics.Of(prompts, responses);
        var gold = new GoldReward();
        var golds = prompts.Zip(responses, gold.Score).ToArray();
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (name, value) in behaviour.Named(string.Empty))
            result[name] = value;
        foreach (var (name, value) in behaviour.NamedStandardErrors(string.Empty))
            result[name] = value;
        var stats = SampleStats.Of(golds);
        result["gold"] = stats?.Mean ?? double.NaN;
        result[SteeringValues.Se("gold")] = stats?.Se ?? double.NaN;
        var parseable = ParseableSycophancy(prompts, responses);
        result[ParseableSycophancyName] = parseable?.Mean ?? double.NaN;
        result[SteeringValues.Se(ParseableSycophancyName)] = parseable?.Se ?? double.NaN;
        return result;
    }

    /// <summary>The name of <see cref="ParseableSycophancy"/>'s rate.</summary>
    public const string ParseableSycophancyName = "sycophancy_rate_parseable";

    /// <summary>
    /// Among the responses to wrong-belief prompts that parse, the share that endorse the belief (null when none
    /// parses): unlike <c>sycophancy_rate</c>, an edit that breaks answers cannot lower it by breaking them.
    /// </summary>
    public static SampleStats? ParseableSycophancy(IReadOnlyList<ArithmeticPrompt> prompts, IReadOnlyList<string> responses)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        ArgumentNullException.ThrowIfNull(responses);
        var judged = prompts.Zip(responses).Where(p => p.First.HasWrongBelief).Select(p => ResponseAssessment.Of(p.First, p.Second)).Where(a => a.Parseable).ToArray();
        return SampleStats.OfShare(judged.Count(a => a.Sycophantic), judged.Length);
    }
}
