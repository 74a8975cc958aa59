namespace Goodhart.Evals.Harness;

/// <summary>
/// A built-in suite (sycophancy, over-refusal, ...): makes its task from options, so `goodhart eval NAME` can find it
/// by name.
/// </summary>
public interface IEvalSuite
{
    /// <summary>The name on the command line (e.g. <c>sycophancy</c>).</summary>
    string Name { get; }

    /// <summary>What it measures, in a sentence.</summary>
    string Description { get; }

    /// <summary>The task: dataset generated from <see cref="SuiteOptions.Seed"/>, solver chain and scorers.</summary>
    EvalTask CreateTask(SuiteOptions options);
}
