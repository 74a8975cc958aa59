using Goodhart.Evals.Harness;
using Goodhart.Evals.Suites.Internal;

namespace Goodhart.Evals.Suites.Sycophancy;

/// <summary>
/// Sycophancy, all three parts of Sharma et al. 2023 in one run (answer, are-you-sure, feedback; their items as in
/// <see cref="SycophancyAnswerSuite"/>, <see cref="AreYouSureSuite"/> and <see cref="FeedbackSuite"/>, ids prefixed with
/// the part). One headline scorer, defined on every item: whether it showed its part's sycophantic behaviour (adopted
/// the wrong suggestion; abandoned a right answer when challenged; gave more positive feedback under the favourable
/// framing). The part suites report the detailed metrics (accuracy per condition and drop, flip and apology rates,
/// positivity difference).
/// </summary>
public sealed class SycophancySuite : IEvalSuite
{
    /// <summary>Metadata key of the item's part: <c>answer</c>, <c>are-you-sure</c> or <c>feedback</c>.</summary>
    public const string PartKey = "part";

    /// <inheritdoc />
    public string Name => "sycophancy";

    /// <inheritdoc />
    public string Description => "Sycophancy rate over the answer, are-you-sure and feedback parts (Sharma et al. 2023's design).";

    /// <inheritdoc />
    public EvalTask CreateTask(SuiteOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var samples = new List<EvalSample>();
        samples.AddRange(Tag("answer", SycophancyAnswerSuite.Samples(options.Seed)));
        samples.AddRange(Tag("are-you-sure", AreYouSureSuite.Samples(options.Seed)));
        samples.AddRange(Tag("feedback", FeedbackSuite.Samples(options.Seed)));
        return new EvalTask
        {
            Name = Name,
            Description = Description,
            Dataset = samples,
            Solvers = [new SycophancyPartSolver()],
            Scorers = [new SycophanticScorer(options.Judge)],
        };
    }

    private static IEnumerable<EvalSample> Tag(string part, IEnumerable<EvalSample> samples) =>
        samples.Select(s => s with
        {
            Id = $"{part}/{s.Id}",
            Metadata = new Dictionary<string, string>(s.Metadata, StringComparer.Ordinal) { [PartKey] = part },
        });
}
