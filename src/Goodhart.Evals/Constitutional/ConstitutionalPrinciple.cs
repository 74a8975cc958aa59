namespace Goodhart.Evals.Constitutional;

/// <summary>
/// One principle of a constitution (Bai et al. 2022): a critique request, a revision request, and optionally the
/// comparison question the AI-feedback labeller asks a judge.
/// </summary>
public sealed record ConstitutionalPrinciple
{
    /// <summary>The principle's id (recorded on traces and preference rows).</summary>
    public required string Id { get; init; }

    /// <summary>Asks the model to critique its last response against the principle.</summary>
    public required string Critique { get; init; }

    /// <summary>Asks the model to revise its response in the light of the critique.</summary>
    public required string Revision { get; init; }

    /// <summary>A question comparing two responses (e.g. "Which of these responses is less harmful?"); null excludes the principle from AI feedback.</summary>
    public string? Preference { get; init; }
}
