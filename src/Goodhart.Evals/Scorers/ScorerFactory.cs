using Goodhart.Core;
using Goodhart.Evals.Harness;
using Microsoft.Extensions.AI;

namespace Goodhart.Evals.Scorers;

/// <summary>Makes the scorer a generic dataset task names on the command line.</summary>
public static class ScorerFactory
{
    /// <summary>The names accepted by <see cref="Create"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = ["includes", "exact", "regex", "numeric", "model"];

    /// <summary>
    /// The scorer called <paramref name="name"/>: <c>includes</c>, <c>exact</c>, <c>regex</c> (needs
    /// <paramref name="pattern"/>), <c>numeric</c> (with <paramref name="tolerance"/>) or <c>model</c> (needs
    /// <paramref name="judge"/>; <paramref name="rubric"/> optional).
    /// </summary>
    public static IScorer Create(string name, string? pattern = null, double tolerance = 1e-6, IChatClient? judge = null, string? rubric = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name switch
        {
            "includes" => new IncludesScorer(),
            "exact" => new ExactScorer(),
            "regex" or "pattern" => new PatternScorer(pattern ?? throw new UserInputException("--scorer regex needs --pattern REGEX")),
            "numeric" => new NumericScorer(absoluteTolerance: tolerance),
            "model" => new ModelGradedScorer(judge ?? throw new UserInputException("--scorer model needs a judge (--judge-model)"), rubric ?? ModelGradedScorer.DefaultRubric),
            _ => throw new UserInputException($"unknown scorer '{name}' (expected {string.Join(", ", Names)})"),
        };
    }
}
