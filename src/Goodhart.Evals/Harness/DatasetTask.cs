using Goodhart.Evals.Solvers;

namespace Goodhart.Evals.Harness;

/// <summary>The generic task of a dataset file: optional system message and prompt template, generate, then the given scorers.</summary>
public static class DatasetTask
{
    /// <summary>A task named <paramref name="name"/> over <paramref name="samples"/>.</summary>
    public static EvalTask Create(string name, IReadOnlyList<EvalSample> samples, IReadOnlyList<IScorer> scorers, string? systemMessage = null, string? promptTemplate = null)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(scorers);
        var solvers = new List<ISolver>();
        if (systemMessage is not null)
            solvers.Add(new SystemMessageSolver(systemMessage));
        if (promptTemplate is not null)
            solvers.Add(new PromptTemplateSolver(promptTemplate));
        solvers.Add(new GenerateSolver());
        return new EvalTask
        {
            Name = name,
            Description = $"{samples.Count} samples from a dataset file, scored by {string.Join(", ", scorers.Select(s => s.Name))}",
            Dataset = samples,
            Solvers = solvers,
            Scorers = scorers,
        };
    }
}
