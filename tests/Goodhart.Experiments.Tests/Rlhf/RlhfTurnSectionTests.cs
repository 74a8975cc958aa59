using Goodhart.Core.Runs;
using Goodhart.Experiments.Rlhf;
using Goodhart.Reports.Rlhf;

namespace Goodhart.Experiments.Tests.Rlhf;

public sealed class RlhfTurnSectionTests
{
    // A best-of-n curve over n = 1, 2, 4 with gold g1, g2, g4, the proxy rising, and paired fall SE 0.02 at every point.
    private static RlhfCurve Curve(ulong seed, double g1, double g2, double g4) => new(
        $"run-{seed}", "bon-rm", RunKind.BestOfNName, "typical", seed, g1,
        [
            new RlhfCurvePoint(1, 0, 0, g1, 0.0, new Dictionary<string, double>(), 0.05) { FallStandardError = 0.02 },
            new RlhfCurvePoint(2, 0.55, 0.31, g2, 0.5, new Dictionary<string, double>(), 0.05) { FallStandardError = 0.02 },
            new RlhfCurvePoint(4, 0.87, 0.76, g4, 1.0, new Dictionary<string, double>(), 0.05) { FallStandardError = 0.02 },
        ]);

    [Fact]
    public void A_seed_without_a_turn_is_named_and_said_to_have_none()
    {
        // Seed 1 turns (peak at n = 2, fall 0.2 = 10 SE); seed 2 rises to the end; seed 3 falls 0.04 = 2 SE only.
        var section = RlhfTurnSection.Of([Curve(1, -1, -0.5, -0.7), Curve(2, -1, -0.8, -0.6), Curve(3, -1, -0.5, -0.54)])!;

        Assert.Equal(RlhfTurnSection.Title, section.Title);
        Assert.Contains("a Goodhart turn in 1 of 3 seeds (seed 1); none in seeds 2, 3", section.Html, StringComparison.Ordinal);
        Assert.Contains("no Goodhart turn: gold was highest at the end of the sweep", section.Html, StringComparison.Ordinal);
        Assert.Contains("not a significant turn", section.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_seed_turning_is_said_so_and_no_seed_turning_tells_the_reader_not_to_look_for_a_fall()
    {
        Assert.Contains("a Goodhart turn in every seed (2 of 2)", RlhfTurnSection.Of([Curve(1, -1, -0.5, -0.7), Curve(2, -1, -0.4, -0.9)])!.Html, StringComparison.Ordinal);
        Assert.Contains("no Goodhart turn in any seed (0 of 2): do not look for gold falling here", RlhfTurnSection.Of([Curve(1, -1, -0.8, -0.6), Curve(2, -1, -1.2, -1.5)])!.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_method_in_two_grid_cells_is_judged_and_listed_per_cell()
    {
        // Two cells of a grid (seed 1 each): the first turns, the second rises to the end. Without the cell labels the
        // two rows of bon-rm would look alike and their seeds would be counted together.
        var first = Curve(1, -1, -0.5, -0.7) with { RunId = "run-a" };
        var second = Curve(1, -1, -0.8, -0.6) with { RunId = "run-b" };
        var cells = new Dictionary<string, string> { ["run-a"] = "settings.train_pairs=2000", ["run-b"] = "settings.train_pairs=16000" };

        var html = RlhfTurnSection.Of([first, second], cells)!.Html;

        Assert.Contains("bon-rm (typical; settings.train_pairs=2000)</strong>: a Goodhart turn in every seed (1 of 1)", html, StringComparison.Ordinal);
        Assert.Contains("bon-rm (typical; settings.train_pairs=16000)</strong>: no Goodhart turn in any seed (0 of 1)", html, StringComparison.Ordinal);
        Assert.Contains("<th>Cell</th>", html, StringComparison.Ordinal);
        Assert.Contains("<td>bon-rm</td><td>typical</td><td>settings.train_pairs=2000</td><td>1</td><td><strong>turn</strong>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<th>Cell</th>", RlhfTurnSection.Of([first])!.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Curves_without_a_paired_standard_error_give_no_section()
    {
        var ppo = new RlhfCurve("ppo", "ppo-rm", RunKind.PpoName, "typical", 1, -1, [new RlhfCurvePoint(0, 0, 0, -1, 0.0, new Dictionary<string, double>())]);
        Assert.Null(RlhfTurnSection.Of([ppo]));
    }
}
