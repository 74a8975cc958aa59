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
        string Behaviour(RlhfCurve c, string name) => c.Points[^1].Behaviour.TryGetValue(name, out var v) ? RlhfTables.N(v) : "-";
        Row("points", c => c.Points.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Row("gold at d = 0", c => RlhfTables.N(c.BaselineGold));
        Row("gold peak @step", c => $"{RlhfTables.N(c.GoldPeak.Gold)} @{c.GoldPeak.Step}");
        Row("final gold", c => RlhfTables.N(c.Points[^1].Gold));
        Row("final proxy", c => RlhfTables.N(c.Points[^1].Proxy));
        Row("final KL", c => RlhfTables.N(c.Points[^1].Kl));
        Row("final d", c => RlhfTables.N(c.Points[^1].D));
        Row("final accuracy", c => Behaviour(c, "accuracy"));
        Row("final sycophancy", c => Behaviour(c, "sycophancy_rate"));
        Row("final length", c => Behaviour(c, "mean_length"));
        Row("fit", c => c.Fit() is { } f ? f.ToString() : "too few points");
    }
}
