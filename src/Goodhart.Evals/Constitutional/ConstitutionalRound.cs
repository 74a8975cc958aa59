namespace Goodhart.Evals.Constitutional;

/// <summary>One critique-and-revision round: the principle, the requests sent and the model's answers.</summary>
/// <param name="Round">1-based round number.</param>
/// <param name="PrincipleId">The sampled principle.</param>
/// <param name="CritiqueRequest">The critique request sent.</param>
/// <param name="Critique">The model's critique.</param>
/// <param name="RevisionRequest">The revision request sent.</param>
/// <param name="Revision">The model's revised response (the next round's starting point).</param>
public sealed record ConstitutionalRound(int Round, string PrincipleId, string CritiqueRequest, string Critique, string RevisionRequest, string Revision);
