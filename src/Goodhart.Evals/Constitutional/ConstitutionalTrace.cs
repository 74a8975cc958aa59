namespace Goodhart.Evals.Constitutional;

/// <summary>What the constitutional client did for one request: the first response, every round, and the final text.</summary>
/// <param name="Constitution">The constitution's name.</param>
/// <param name="Seed">The seed principles were sampled with (derived from the client's seed and the conversation).</param>
/// <param name="InitialResponse">The model's first answer.</param>
/// <param name="Rounds">The critique-and-revision rounds, in order.</param>
public sealed record ConstitutionalTrace(string Constitution, int Seed, string InitialResponse, IReadOnlyList<ConstitutionalRound> Rounds)
{
    /// <summary>The final response: the last revision, or the first answer when there were no rounds.</summary>
    public string FinalResponse => Rounds.Count == 0 ? InitialResponse : Rounds[^1].Revision;
}
