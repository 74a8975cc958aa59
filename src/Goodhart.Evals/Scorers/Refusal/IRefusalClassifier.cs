namespace Goodhart.Evals.Scorers.Refusal;

/// <summary>Decides whether a response refuses its prompt (pattern-based or model-graded).</summary>
public interface IRefusalClassifier
{
    /// <summary>Short name for logs (<c>patterns</c>, <c>judge</c>).</summary>
    string Name { get; }

    /// <summary>The verdict on <paramref name="response"/> to <paramref name="prompt"/>, or null with <paramref name="error"/> set when it cannot decide.</summary>
    Task<(RefusalVerdict? Verdict, string? Error)> ClassifyAsync(string prompt, string response, CancellationToken cancellationToken);
}
