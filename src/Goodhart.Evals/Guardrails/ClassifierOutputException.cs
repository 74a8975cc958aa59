namespace Goodhart.Evals.Guardrails;

/// <summary>A classifier answered something that is not a verdict; the policy's fail mode decides what happens.</summary>
public sealed class ClassifierOutputException : Exception
{
    /// <summary>An unparseable answer and why.</summary>
    public ClassifierOutputException(string problem)
        : base(problem)
    {
    }
}
