namespace Goodhart.Evals.Harness;

/// <summary>
/// One scorer over a run: its metrics over the scored samples (epochs reduced per sample first), and how many
/// sample-epochs it scored, left unscored (with the distinct reasons) or could not see because the chain errored.
/// </summary>
/// <param name="Scorer">The scorer's name.</param>
/// <param name="Metrics">Its metrics; empty when nothing was scored.</param>
/// <param name="Scored">Sample-epochs with a value.</param>
/// <param name="Unscored">Sample-epochs the scorer could not decide (judge error, unparseable verdict, no target).</param>
/// <param name="Errored">Sample-epochs whose solver chain failed, so were never scored.</param>
/// <param name="UnscoredReasons">Distinct reasons for unscored samples with their counts, most frequent first.</param>
public sealed record ScorerSummary(
    string Scorer,
    IReadOnlyList<MetricValue> Metrics,
    int Scored,
    int Unscored,
    int Errored,
    IReadOnlyList<KeyValuePair<string, int>> UnscoredReasons);
