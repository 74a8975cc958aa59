using Goodhart.Core;
using Goodhart.Core.Oversight;
using Goodhart.Core.Randomness;
using Goodhart.Learning.Oversight;
using Microsoft.AspNetCore.Http;

namespace Goodhart.Web.Workbench.Debate;

/// <summary>
/// What every debate session shares, loaded once: Fashion-MNIST's test images and, per debate length k, a sparse
/// judge trained on k random pixels (trained on first use, then kept for the server's life). When the data is
/// missing it says what to install instead (a 503 naming the Debian package), and looks again on the next request,
/// so installing the package needs no restart.
/// </summary>
internal sealed class DebateLab(DebateOptions options) : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<int, SparseJudge> _judges = [];
    private LabelledImages? _test;
    private LabelledImages? _train;

    /// <summary>Serialises the judges' forward passes (one debate computation at a time).</summary>
    public Lock Compute { get; } = new();

    public DebateOptions Options { get; } = options;

    /// <summary>The one-line message that says what to install, or null when the four files are there.</summary>
    public string? MissingData()
    {
        try
        {
            FashionMnist.RequireInstalled(Options.DataDirectory);
            return null;
        }
        catch (UserInputException e)
        {
            return e.Message;
        }
    }

    /// <summary>The test images and k's judge, loading and training them on first use; throws a 503 <see cref="WorkbenchInputException"/> when the data is missing or unreadable.</summary>
    public (LabelledImages Test, SparseJudge Judge) For(int pixels, CancellationToken cancellation)
    {
        lock (_gate)
        {
            try
            {
                _test ??= FashionMnist.Load(train: false, Options.TestImages, Options.DataDirectory);
                if (!_judges.TryGetValue(pixels, out var judge))
                {
                    _train ??= FashionMnist.Load(train: true, Options.TrainImages, Options.DataDirectory);
                    judge = SparseJudgeTrainer.Train(_train, new SparseJudgeOptions
                    {
                        Pixels = pixels,
                        Hidden = Options.JudgeHidden,
                        Steps = Options.JudgeSteps,
                        BatchSize = Options.JudgeBatchSize,
                        Seed = Xoshiro256.Derive(Options.JudgeSeed, (ulong)pixels),
                    }, null, cancellation);
                    _judges[pixels] = judge;
                    if (Options.Pixels.All(_judges.ContainsKey))
                        _train = null;
                }
                return (_test, judge);
            }
            catch (UserInputException e)
            {
                throw new WorkbenchInputException("data", e.Message, StatusCodes.Status503ServiceUnavailable) { RetryAfterSeconds = 60 };
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var judge in _judges.Values)
                judge.Dispose();
            _judges.Clear();
        }
    }
}
