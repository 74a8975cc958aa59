namespace Goodhart.Learning.DeepRl.Dqn;

/// <summary>Running sums of <see cref="DqnTrainer"/>'s per-update diagnostics between two <see cref="DqnDiagnostics"/> points.</summary>
internal record struct DqnDiagnosticsSums(double Loss, double TdError, double MeanQ, int Count)
{
    /// <summary>Adds one gradient step's figures.</summary>
    public void Add(double loss, double tdError, double meanQ)
    {
        Loss += loss;
        TdError += tdError;
        MeanQ += meanQ;
        Count++;
    }

    /// <summary>The averages as a diagnostics point.</summary>
    public readonly DqnDiagnostics Point(long step, long updates, double epsilon, double noise, double beta) =>
        new(step, updates, Loss / Count, TdError / Count, MeanQ / Count, epsilon, noise, beta);
}
