using System.Globalization;
using System.Text;

namespace Goodhart.Learning.Rlhf;

/// <summary>
/// Markdown tables of an <see cref="RlhfOptimisationExperimentResult"/>: one row per evaluation point of every run
/// (gold score, KL and sqrt(KL) to the SFT policy, the proxy's score, the behaviour decomposition) and the last
/// training diagnostics of each run under TRL's names, with the SFT run and the preference data in a line each.
/// </summary>
public static class RlhfOptimisationReport
{
    /// <summary>The evaluation table and the diagnostics table.</summary>
    public static string Markdown(RlhfOptimisationExperimentResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = new StringBuilder();
        text.AppendLine("| run | step | gold | KL (nats) | sqrt KL | proxy | accuracy | confident-wrong | sycophancy | hedging | flattery | length | unparseable |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        Row(text, "sft", result.SftEvaluation);
        foreach (var run in result.Ppo.Concat(result.Dpo))
        {
            foreach (var evaluation in run.Evaluations)
            {
                Row(text, run.Method, evaluation);
            }
        }

        text.AppendLine();
        if (result.Sft is { } sft)
        {
            text.AppendLine(string.Create(
                CultureInfo.InvariantCulture,
                $"SFT: {sft.Losses.Count} steps in {sft.Seconds:F0} s ({sft.TokensPerSecond:F0} tokens/s), mean loss of the last 10% of steps {sft.Losses.Skip(sft.Losses.Count * 9 / 10).Average():F3}."));
            text.AppendLine();
        }

        text.AppendLine("| preference pairs of | pairs | chosen has the higher gold score |");
        text.AppendLine("|---|---:|---:|");
        foreach (var p in result.Preferences)
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| {p.Rater} | {p.Count} | {p.GoldAgreement:F3} |"));
        }

        text.AppendLine();
        text.AppendLine("| run | steps | seconds | last training figures |");
        text.AppendLine("|---|---:|---:|---|");
        foreach (var run in result.Ppo.Concat(result.Dpo))
        {
            var lastStep = run.Metrics.Where(m => !m.Name.StartsWith("eval/", StringComparison.Ordinal)
                && !m.Name.StartsWith("gold/", StringComparison.Ordinal)
                && !m.Name.StartsWith(PolicyEvaluation.BehaviourPrefix, StringComparison.Ordinal)).ToArray();
            var last = lastStep.Length == 0 ? [] : lastStep.Where(m => m.Step == lastStep[^1].Step).ToArray();
            var figures = string.Join(", ", last.Select(m => string.Create(CultureInfo.InvariantCulture, $"`{m.Name}` {m.Value:G4}")));
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| {run.Method} | {run.Steps} | {run.Seconds:F0} | {figures} |"));
        }

        return text.ToString();
    }

    private static void Row(StringBuilder text, string run, PolicyEvaluation e)
    {
        var b = e.Behaviour;
        text.AppendLine(string.Create(
            CultureInfo.InvariantCulture,
            $"| {run} | {e.Step} | {e.GoldScore:F3} | {e.Kl:F2} | {e.SqrtKl:F2} | {(e.ProxyScore is { } p ? p.ToString("F3", CultureInfo.InvariantCulture) : "")} | {b.Accuracy:F3} | {b.ConfidentWrongRate:F3} | {(b.SycophancyRate is { } s ? s.ToString("F3", CultureInfo.InvariantCulture) : "")} | {b.HedgingRate:F3} | {b.FlatteryRate:F3} | {b.MeanLength:F1} | {b.UnparseableRate:F3} |"));
    }
}
