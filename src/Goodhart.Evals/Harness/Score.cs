namespace Goodhart.Evals.Harness;

/// <summary>
/// A scorer's verdict on one sample (Inspect's Score). <see cref="Value"/> is null when the sample could not be
/// scored (judge error, unparseable verdict); such samples are counted and shown, never folded into a metric.
/// </summary>
public sealed record Score
{
    /// <summary>The value (1 correct / 0 incorrect for accuracy-style scorers); null when unscored.</summary>
    public double? Value { get; init; }

    /// <summary>What the scorer read as the answer (e.g. the number extracted).</summary>
    public string? Answer { get; init; }

    /// <summary>Why this value (the matched pattern, the judge's reasoning).</summary>
    public string? Explanation { get; init; }

    /// <summary>Why the sample could not be scored; set exactly when <see cref="Value"/> is null.</summary>
    public string? Error { get; init; }

    /// <summary>Whether the sample was scored.</summary>
    public bool IsScored => Value.HasValue;

    /// <summary>A scored verdict.</summary>
    public static Score Of(double value, string? answer = null, string? explanation = null) =>
        new() { Value = value, Answer = answer, Explanation = explanation };

    /// <summary>A correct (1) or incorrect (0) verdict.</summary>
    public static Score Correct(bool correct, string? answer = null, string? explanation = null) =>
        Of(correct ? 1 : 0, answer, explanation);

    /// <summary>An unscored sample, with the reason.</summary>
    public static Score Unscored(string error) => new() { Error = error };
}
