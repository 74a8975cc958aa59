using System.Globalization;
using System.Text;
using Goodhart.Core.Runs;

namespace Goodhart.Cli.Commands.Rlhf;

/// <summary>
/// CSV export of runs without episodes (the RLHF runs): one row per metric point, long format
/// (<c>run_id, kind, env, agent, seed, status, name, step, value</c>), invariant culture, round-trip numbers, NaN empty.
/// </summary>
internal static class RlhfMetricsCsv
{
    private static readonly string[] Columns = ["run_id", "kind", "env", "agent", "seed", "status", "name", "step", "value"];

    public static void Write(Stream output, IReadOnlyList<RunExport> runs)
    {
        using var w = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        w.WriteLine(string.Join(",", Columns));
        foreach (var run in runs)
        {
            var r = run.Run;
            var prefix = string.Join(",", new[] { r.Id, r.Kind, r.Env, r.Agent, r.Seed.ToString(CultureInfo.InvariantCulture), r.Status }.Select(Quote));
            foreach (var m in run.Metrics)
            {
                var value = double.IsNaN(m.Value) ? "" : m.Value.ToString("R", CultureInfo.InvariantCulture);
                w.WriteLine($"{prefix},{Quote(m.Name)},{m.Step.ToString(CultureInfo.InvariantCulture)},{value}");
            }
        }
    }

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
}
