namespace Goodhart.Web.Workbench.Debate;

/// <summary>How a round was judged: by the person and by the sparse judge from the same revealed pixels.</summary>
/// <param name="PersonChoice">"a" or "b".</param>
/// <param name="JudgeChoice">"a" or "b": the claim the sparse judge scores higher (a tie goes to the liar).</param>
/// <param name="ScoreA">The sparse judge's score (logit) of A's claim.</param>
/// <param name="ScoreB">The sparse judge's score (logit) of B's claim.</param>
/// <param name="JudgeTop">The class the sparse judge scores highest of all ten.</param>
internal sealed record DebateOutcome(string PersonChoice, string JudgeChoice, double ScoreA, double ScoreB, int JudgeTop);
