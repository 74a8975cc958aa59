using Goodhart.Core.Rlhf;
using Goodhart.Reports.Rlhf;
using Spectre.Console;

namespace Goodhart.Cli.Commands.Rlhf;

/// <summary>The rows <c>goodhart runs compare</c> adds for RLHF runs: where each run ends along d = sqrt(KL), its gold peak and its Gao fit.</summary>
internal static class RlhfCompareRows
{
    public static void Add(Table table, IReadOnlyList<RlhfCurve?> curves)
    {
        table.AddRow([new Markup("[bold]rlhf (along d = sqrt KL)[/]"), .. curves.Select(_ => new Markup(""))]);
        void Row(string name, Func<RlhfCurve, string> cell) =>
            table.AddRow([new Markup("  " + Markup.Escape(name)), .. curves.Select(c => new Markup(c is null ? "" : Markup.Escape(cell(c))))]);
        string Behaviour(RlhfCurve c, string name) =>
            c.Points[^1].Behaviour.TryGetValue(name, out var v) ? RlhfTables.NSe(v, c.Points[^1].BehaviourSeOf(name)) : "-";
        Row("points", c => c.Points.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Row("gold at d = 0 (± SE)", c => RlhfTables.NSe(c.BaselineGold, c.BaselineGoldSe));
        Row("gold peak @step (± SE)", c => $"{RlhfTables.NSe(c.GoldPeak.Gold, c.GoldPeak.GoldSe)} @{c.GoldPeak.Step}");
        Row("final gold (± SE)", c => RlhfTables.NSe(c.Points[^1].Gold, c.Points[^1].GoldSe));
        Row("final proxy (± SE)", c => RlhfTables.NSe(c.Points[^1].Proxy, c.Points[^1].ProxySe));
        Row("final KL", c => RlhfTables.N(c.Points[^1].Kl));
        Row("final d", c => RlhfTables.N(c.Points[^1].D));
        Row("final accuracy (± SE)", c => Behaviour(c, BehaviourMetrics.AccuracyName));
        Row("final sycophancy (± SE)", c => Behaviour(c, BehaviourMetrics.SycophancyRateName));
        Row("final length (± SE)", c => Behaviour(c, BehaviourMetrics.MeanLengthName));
        Row("fit", c => c.Fit() is { } f ? f.ToString() : "too few points");
    }
}
