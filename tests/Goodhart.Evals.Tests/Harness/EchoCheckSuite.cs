using Goodhart.Evals.Harness;
using Goodhart.Evals.Scorers;
using Goodhart.Evals.Solvers;

namespace Goodhart.Evals.Tests.Harness;

/// <summary>A suite only the catalog test sees.</summary>
public sealed class EchoCheckSuite : IEvalSuite
{
    public string Name => "echo-check";

    public string Description => "Whether the model repeats a word.";

    public EvalTask CreateTask(SuiteOptions options) => new()
    {
        Name = Name,
        Dataset = [EvalSample.FromText($"seed-{options.Seed}", "Say banana.", "banana")],
        Solvers = [new GenerateSolver()],
        Scorers = [new IncludesScorer()],
    };
}
