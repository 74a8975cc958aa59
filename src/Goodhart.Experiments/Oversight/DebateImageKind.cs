using System.Globalization;
using Goodhart.Core.Oversight;
using Goodhart.Learning;
using Goodhart.Learning.Oversight;

namespace Goodhart.Experiments.Oversight;

/// <summary>
/// <c>debate-image</c>: Irving et al. 2018's debate game on Fashion-MNIST. Per debate length k: a sparse judge
/// trained on k random pixels, its accuracy from k random pixels, then debates on test images between an honest and a
/// lying debater, both searching greedily (<see cref="GreedyDebater"/>) or by Monte Carlo tree search
/// (<see cref="MctsDebater"/>) as <see cref="DebateImageConfig.Debater"/> says, with precommitment (one debate per wrong label; the judge is
/// right when the honest side wins all of them) and without. Values: <see cref="DebateImageValues"/>.
/// </summary>
public sealed class DebateImageKind : ExperimentKind<DebateImageConfig>
{
    /// <inheritdoc />
    public override string Name => "debate-image";

    /// <inheritdoc />
    public override string Description => "debate on Fashion-MNIST: a sparse judge's accuracy from k random pixels vs k pixels revealed by an honest and a lying debater";

    /// <inheritdoc />
    public override IReadOnlyList<ReportSection> Report(ReportContext context, IReadOnlyList<CellOutcome> cells) =>
        OversightReport.Debate(context, cells);

    /// <inheritdoc />
    protected override void Validate(DebateImageConfig config)
    {
        config.Validate();
        FashionMnist.RequireInstalled(config.DataDirectory);
    }

    /// <inheritdoc />
    protected override CellResult Run(ExperimentContext context, DebateImageConfig config)
    {
        TorchRuntime.UseThreads(config.TorchThreads); // the same numbers whatever the machine's cores
        var train = FashionMnist.Load(train: true, config.TrainImages, config.DataDirectory);
        var test = FashionMnist.Load(train: false, Math.Max(config.BaselineImages, config.DebateImages), config.DataDirectory);
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        var mcts = config.Mcts();
        var ks = config.Pixels.ToArray();
        for (var j = 0; j < ks.Length; j++)
        {
            var k = ks[j];
            var share = 1.0 / ks.Length;
            var done = j * share;
            var judge = SparseJudgeTrainer.Train(train, new SparseJudgeOptions
            {
                Pixels = k,
                Hidden = config.Hidden,
                Steps = config.JudgeSteps,
                BatchSize = config.BatchSize,
                LearningRate = config.LearningRate,
                Seed = Core.Randomness.Xoshiro256.Derive(context.Seed, (ulong)k),
            }, new Rlhf.StepProgress<double>(f => context.Progress.Report(new CellProgress(done + share * 0.5 * f, $"k={k}: training the judge"))), context.Cancellation);
            using (judge)
            {
                var (correct, count) = SparseJudgeTrainer.RandomPixelAccuracy(judge, test.Take(config.BaselineImages), k, Core.Randomness.Xoshiro256.Derive(context.Seed, 0xBA5E + (ulong)k));
                values[DebateImageValues.JudgeRandom(k)] = (double)correct / count;
                int debateWins = 0, openWins = 0;
                double winShare = 0;
                var n = Math.Min(config.DebateImages, test.Count);
                for (var i = 0; i < n; i++)
                {
                    context.Cancellation.ThrowIfCancellationRequested();
                    var debater = Debaters.Create(config.Debater, mcts, Core.Randomness.Xoshiro256.Derive(context.Seed, 0xDEB0000UL + ((ulong)k << 16) + (ulong)i));
                    var result = ImageDebate.Play(judge, test.Image(i), test.Labels[i], k, config.HonestFirst, debater);
                    debateWins += result.HonestWinsEveryLie ? 1 : 0;
                    openWins += result.HonestWinsWithoutPrecommit ? 1 : 0;
                    winShare += result.HonestWinShare;
                    context.Progress.Report(new CellProgress(done + share * (0.5 + 0.5 * (i + 1) / n),
                        string.Create(CultureInfo.InvariantCulture, $"k={k}: debates {i + 1}/{n}, judge right {debateWins}/{i + 1}")));
                }
                values[DebateImageValues.JudgeDebate(k)] = (double)debateWins / n;
                values[DebateImageValues.HonestWinRate(k)] = winShare / n;
                values[DebateImageValues.JudgeNoPrecommit(k)] = (double)openWins / n;
            }
        }
        var id = OversightRuns.Store(context, OversightRuns.DebateKind, "fashion-mnist", $"{config.Debater}-debate", config, values);
        return new CellResult([id], values);
    }
}
