namespace Goodhart.Evals.Constitutional;

/// <summary>Options of <see cref="ConstitutionalChatClient"/>.</summary>
public sealed record ConstitutionalOptions
{
    /// <summary>Critique-and-revision rounds per request; default 1 (Bai et al. used up to 4).</summary>
    public int Rounds { get; init; } = 1;

    /// <summary>Seed of principle sampling; combined with the conversation's text, so a prompt always gets the same principles.</summary>
    public int Seed { get; init; }

    /// <summary>Sample principles without replacement while the constitution has unused ones; default true.</summary>
    public bool DistinctPrinciples { get; init; } = true;
}
