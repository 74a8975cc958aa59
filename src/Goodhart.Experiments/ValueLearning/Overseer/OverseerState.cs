namespace Goodhart.Experiments.ValueLearning.Overseer;

/// <summary>Where an overseer session stands: the current agent's results and one greedy episode of it, and every round so far.</summary>
/// <param name="Env">The env id.</param>
/// <param name="Current">The current agent's round.</param>
/// <param name="Episode">One greedy episode of the current agent.</param>
/// <param name="EpisodeReturn">That episode's visible return.</param>
/// <param name="EpisodePerformance">That episode's hidden performance.</param>
/// <param name="History">Every round so far, oldest first.</param>
/// <param name="Answered">Answers given (not counting "can't tell").</param>
/// <param name="Skipped">Pairs the person could not tell apart.</param>
/// <param name="Unused">Answers given since the last update (the next update learns from them).</param>
/// <param name="MaxQueries">The session's budget of answers.</param>
public sealed record OverseerState(string Env, OverseerPoint Current, OverseerClip Episode, double EpisodeReturn, double? EpisodePerformance,
    IReadOnlyList<OverseerPoint> History, int Answered, int Skipped, int Unused, int MaxQueries);
