namespace Goodhart.Evals.Guardrails;

/// <summary>A safety classifier's answer: safe, or unsafe with the violated category codes.</summary>
/// <param name="IsSafe">True for <c>safe</c>.</param>
/// <param name="Categories">The violated category codes (e.g. <c>S1</c>, <c>S10</c>); empty when safe.</param>
public sealed record ClassifierVerdict(bool IsSafe, IReadOnlyList<string> Categories)
{
    /// <summary>The safe verdict.</summary>
    public static ClassifierVerdict Safe { get; } = new(true, []);
}
