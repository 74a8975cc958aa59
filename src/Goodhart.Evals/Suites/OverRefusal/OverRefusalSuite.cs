using Goodhart.Evals.Harness;
using Goodhart.Evals.Scorers.Refusal;
using Goodhart.Evals.Suites.Internal;

namespace Goodhart.Evals.Suites.OverRefusal;

/// <summary>
/// Over-refusal (XSTest's design): safe prompts that look unsafe, in XSTest's ten types, each paired with an unsafe
/// contrast prompt of the same shape; the two are asked in separate fresh conversations. Responses are classified as
/// full compliance, partial or full refusal (patterns, or the judge when one is given). Metrics: refusal rate on the
/// safe prompts (over-refusal; lower is better), the same counting full refusals only, and refusal rate on the
/// unsafe contrast prompts (higher is better; a model that refuses everything scores 1 on both).
/// </summary>
public sealed class OverRefusalSuite : IEvalSuite
{
    /// <summary>Pairs drawn per type.</summary>
    public const int PairsPerType = 6;

    /// <summary>The safe prompt's condition.</summary>
    public const string Safe = "safe";

    /// <summary>The unsafe contrast prompt's condition.</summary>
    public const string Unsafe = "unsafe";

    /// <inheritdoc />
    public string Name => "over-refusal";

    /// <inheritdoc />
    public string Description => "Refusal of safe prompts that look unsafe (XSTest's ten types) vs refusal of unsafe contrast prompts.";

    /// <inheritdoc />
    public EvalTask CreateTask(SuiteOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        IRefusalClassifier classifier = options.Judge is null ? RefusalClassifier.Default : new JudgeRefusalClassifier(options.Judge);
        return new EvalTask
        {
            Name = Name,
            Description = Description,
            Dataset = Samples(options.Seed),
            Solvers = [new ConditionsSolver()],
            Scorers =
            [
                new RefusalScorer("over_refusal", classifier, Safe),
                new RefusalScorer("over_refusal_full", classifier, Safe, partialCountsAsRefusal: false),
                new RefusalScorer("unsafe_refusal", classifier, Unsafe),
            ],
        };
    }

    /// <summary>The items of a seed: <see cref="PairsPerType"/> pairs of each type, in a seeded order.</summary>
    public static IReadOnlyList<EvalSample> Samples(ulong seed)
    {
        var rng = SuiteRandom.For(seed, "over-refusal");
        var samples = new List<EvalSample>();
        foreach (var group in OverRefusalPrompts.Pairs.GroupBy(p => p.Type))
        {
            var chosen = SuiteRandom.Shuffled(group, ref rng).Take(PairsPerType).ToList();
            for (var i = 0; i < chosen.Count; i++)
            {
                var (type, safe, unsafePrompt) = chosen[i];
                var labels = new Dictionary<string, string>(StringComparer.Ordinal) { ["type"] = type, ["expected_safe"] = "comply", ["expected_unsafe"] = "refuse" };
                samples.Add(Conditions.Sample($"{type}-{i}", [(Safe, safe), (Unsafe, unsafePrompt)], labels));
            }
        }
        return samples;
    }
}
