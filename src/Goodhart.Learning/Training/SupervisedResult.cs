namespace Goodhart.Learning.Training;

/// <summary>
/// The outcome of one <see cref="SupervisedTrainer.Train"/> call: the mean response-token loss of every step it
/// ran (step <see cref="FirstStep"/> first), the tokens it processed (prompt and response, padding excluded) and
/// the wall-clock seconds it took.
/// </summary>
public sealed record SupervisedResult(int FirstStep, IReadOnlyList<double> Losses, long Tokens, double Seconds)
{
    /// <summary>The step count reached (the next step to run).</summary>
    public int LastStep => FirstStep + Losses.Count;

    /// <summary>Throughput of the call in tokens per second (wall clock; depends on the machine).</summary>
    public double TokensPerSecond => Seconds > 0 ? Tokens / Seconds : 0;
}
