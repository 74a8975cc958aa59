using Goodhart.Core.Rlhf;

namespace Goodhart.Evals.Constitutional;

/// <summary>The labeller's output: the preference rows, and how many items it skipped because the judge's answer was unparseable.</summary>
/// <param name="Preferences">The labelled rows, in input order.</param>
/// <param name="Unparseable">Items skipped because the verdict named neither or both options (never guessed).</param>
/// <param name="Total">Items given.</param>
public sealed record AiFeedbackResult(IReadOnlyList<AiFeedbackPreference> Preferences, int Unparseable, int Total)
{
    /// <summary>Writes the rows as JSON Lines in the RLHF lab's format.</summary>
    public void WriteJsonl(string path) => JsonLines.Write(path, Preferences);
}
