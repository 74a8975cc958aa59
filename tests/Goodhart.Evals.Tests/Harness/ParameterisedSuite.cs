using Goodhart.Evals.Harness;

namespace Goodhart.Evals.Tests.Harness;

/// <summary>Not a suite the catalog can make: it has no parameterless constructor.</summary>
public sealed class ParameterisedSuite(string name) : IEvalSuite
{
    public string Name => name;

    public string Description => "needs arguments";

    public EvalTask CreateTask(SuiteOptions options) => throw new NotSupportedException();
}
