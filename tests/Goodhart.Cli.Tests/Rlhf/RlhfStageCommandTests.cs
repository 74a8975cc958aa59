using System.Text.Json;
using Goodhart.Reports.Rlhf;
using Goodhart.Core.Runs;

namespace Goodhart.Cli.Tests.Rlhf;

public sealed class RlhfStageCommandTests(TinyRlhfFolder folder) : IClassFixture<TinyRlhfFolder>
{
    [Fact]
    public void Sft_label_and_rm_write_their_files_and_the_rm_run()
    {
        foreach (var file in new[] { "config.json", "sft.jsonl", "policy/model.safetensors", "pairs.train.jsonl", "pairs.eval.jsonl", "rm-0.safetensors", "rm-1.safetensors", "rm.json" })
            Assert.True(File.Exists(Path.Combine(folder.Dir, file)), file);
        Assert.Equal(100, File.ReadLines(Path.Combine(folder.Dir, "sft.jsonl")).Count());
        using var row = JsonDocument.Parse(File.ReadLines(Path.Combine(folder.Dir, "pairs.train.jsonl")).First());
        foreach (var key in new[] { "prompt", "chosen", "rejected", "rater", "chosen_gold", "rejected_gold" })
            Assert.True(row.RootElement.TryGetProperty(key, out _), key);
        Assert.Equal("typical", row.RootElement.GetProperty("rater").GetString());

        using var store = RunStore.Open(folder.Store, createIfMissing: false);
        var rm = Assert.Single(store.ListRuns(new RunFilter(Kind: RlhfMetricNames.RewardModelKind)));
        Assert.Equal("rlhf:typical", rm.Env);
        var rows = RewardModelAccuracy.FromRun(rm, store.GetMetrics(rm.Id));
        Assert.Equal(["rm", "ensemble-2-mean", "ensemble-2-wco", "ensemble-2-uwo", "typical-utility", "gold", "rm-1"], rows.Select(r => r.Scorer));
        Assert.All(rows, r => Assert.InRange(r.Accuracy, 0, 1));
        using var config = JsonDocument.Parse(rm.ConfigJson);
        Assert.Equal(Path.GetFullPath(folder.Dir), config.RootElement.GetProperty("work_dir").GetString());
        Assert.Equal("tiny", config.RootElement.GetProperty("settings").GetProperty("size").GetString());
    }

    [Fact]
    public void Bon_stores_a_run_per_proxy_with_metrics_along_n()
    {
        var (dir, storePath) = folder.Copy();
        var (code, output, error) = CliRunner.Run("rlhf", "bon", "--dir", dir, "--store", storePath, "--proxy", "rm", "--proxy", "wco", "--proxy", "gold");
        Assert.True(code == 0, error);
        Assert.Contains("Goodhart fits", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(dir, "bon.json")));
        using var store = RunStore.Open(storePath, createIfMissing: false);
        var runs = store.ListRuns(new RunFilter(Kind: RlhfMetricNames.BestOfNKind));
        Assert.Equal(["bon-ensemble-2-wco", "bon-gold", "bon-rm"], runs.Select(r => r.Agent).Order(StringComparer.Ordinal));
        var gold = runs.Single(r => r.Agent == "bon-gold");
        var curve = RlhfCurve.FromRun(gold, store.GetMetrics(gold.Id))!;
        Assert.Equal([1L, 2L, 4L], curve.Points.Select(p => p.Step));
        // The analytic best-of-n KL: log n - (n - 1)/n.
        Assert.Equal(Math.Log(4) - 0.75, curve.Points[2].Kl, 12);
        Assert.Equal(Math.Sqrt(Math.Log(2) - 0.5), curve.Points[1].D, 12);
        // Picking by gold never lowers the gold score of the picks.
        Assert.True(curve.Points[2].Gold >= curve.Points[0].Gold);
        Assert.Contains("accuracy", curve.Points[0].Behaviour.Keys);
        var (compareCode, compared, _) = CliRunner.Run("runs", "compare", gold.Id, runs.Single(r => r.Agent == "bon-rm").Id, "--store", storePath);
        Assert.Equal(0, compareCode);
        Assert.Contains("rlhf (along d = sqrt KL)", compared, StringComparison.Ordinal);
        Assert.Matches(@"gold at d = 0 \(± SE\)\s+│ -?\d+\.\d{3} ± \d+\.\d{3}\s+│ -?\d+\.\d{3} ± \d+\.\d{3}", compared);
        Assert.DoesNotContain("goodhart gap", compared, StringComparison.Ordinal);
        var csv = Path.Combine(dir, "bon-gold.csv");
        Assert.Equal(0, CliRunner.Run("runs", "export", gold.Id, "--store", storePath, "--output", csv).ExitCode);
        var lines = File.ReadAllLines(csv);
        Assert.Equal("run_id,kind,env,agent,seed,status,name,step,value", lines[0]);
        Assert.Contains(lines, l => l.StartsWith($"{gold.Id},rlhf-bon,rlhf:typical,bon-gold,1,finished,eval/kl,4,", StringComparison.Ordinal));
        Assert.NotNull(gold.SummaryJson);
        Assert.Contains("\"gold_peak\"", gold.SummaryJson, StringComparison.Ordinal);
    }

    [Fact]
    public void Implicit_trains_dpo_reward_models_that_bon_and_ppo_use_as_proxies()
    {
        var (dir, storePath) = folder.Copy();
        var (code, output, error) = CliRunner.Run("rlhf", "implicit", "--dir", dir, "--store", storePath, "--members", "2", "--bootstrap");
        Assert.True(code == 0, error);
        Assert.Contains("dpo-implicit-2-wco", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(dir, "implicit-0.safetensors")));
        Assert.True(File.Exists(Path.Combine(dir, "implicit-1.safetensors")));
        Assert.False(File.Exists(Path.Combine(dir, "implicit-2.safetensors")));
        var json = File.ReadAllText(Path.Combine(dir, "implicit.json"));
        Assert.Contains("\"bootstrap\": true", json, StringComparison.Ordinal);
        Assert.Contains("dpo-implicit-1", json, StringComparison.Ordinal);

        (code, _, error) = CliRunner.Run("rlhf", "bon", "--dir", dir, "--store", storePath, "--proxy", "implicit", "--proxy", "implicit-wco");
        Assert.True(code == 0, error);
        (code, _, error) = CliRunner.Run("rlhf", "ppo", "--dir", dir, "--store", storePath, "--proxy", "implicit-uwo");
        Assert.True(code == 0, error);
        using var store = RunStore.Open(storePath, createIfMissing: false);
        Assert.Equal(["bon-dpo-implicit", "bon-dpo-implicit-2-wco"], store.ListRuns(new RunFilter(Kind: RlhfMetricNames.BestOfNKind)).Select(r => r.Agent).Order(StringComparer.Ordinal));
        var ppo = Assert.Single(store.ListRuns(new RunFilter(Kind: RlhfMetricNames.PpoKind)));
        Assert.Equal("ppo-dpo-implicit-2-uwo", ppo.Agent);
        Assert.Contains(store.GetMetrics(ppo.Id), m => m.Name == RlhfMetricNames.Gold);
        Assert.Contains("implicit-wco", RlhfBonDefaults(dir), StringComparison.Ordinal);

        // The same folder and seed give the same implicit reward models: the best-of-n picks come out the same.
        var (again, againStore) = folder.Copy();
        Assert.Equal(0, CliRunner.Run("rlhf", "implicit", "--dir", again, "--store", againStore, "--members", "2", "--bootstrap").ExitCode);
        Assert.Equal(0, CliRunner.Run("rlhf", "bon", "--dir", again, "--store", againStore, "--proxy", "implicit", "--proxy", "implicit-wco").ExitCode);
        Assert.Equal(File.ReadAllText(Path.Combine(dir, "bon.json")), File.ReadAllText(Path.Combine(again, "bon.json")));
    }

    private static string RlhfBonDefaults(string dir) => string.Join(",", Goodhart.Experiments.Rlhf.RlhfProxies.Available(new Goodhart.Experiments.Rlhf.RlhfWorkFolder(dir)));

    [Fact]
    public void Ppo_and_dpo_store_runs_with_gold_and_kl_at_every_evaluation()
    {
        var (dir, storePath) = folder.Copy();
        var (code, output, error) = CliRunner.Run("rlhf", "ppo", "--dir", dir, "--store", storePath, "--proxy", "gold", "--kl-coef", "0.1");
        Assert.True(code == 0, error);
        Assert.Contains("objective/kl", output, StringComparison.Ordinal);
        (code, _, error) = CliRunner.Run("rlhf", "dpo", "--dir", dir, "--store", storePath, "--beta", "0.1", "--beta", "0.5");
        Assert.True(code == 0, error);
        Assert.True(File.Exists(Path.Combine(dir, "ppo-gold.json")));
        Assert.True(File.Exists(Path.Combine(dir, "dpo-typical-beta-0.5.json")));
        // The trained policies (and PPO's value model) are kept as safetensors checkpoints that load back.
        foreach (var checkpoint in new[] { "ppo-gold.safetensors", "dpo-typical-beta-0.1.safetensors", "dpo-typical-beta-0.5.safetensors" })
        {
            using var model = Goodhart.Learning.Checkpoints.ModelCheckpoint.LoadLanguageModel(Path.Combine(dir, checkpoint));
            Assert.Equal(16, model.Options.EmbeddingDim);
        }
        using (var value = Goodhart.Learning.Checkpoints.ModelCheckpoint.LoadScalarHead(Path.Combine(dir, "ppo-gold.value.safetensors")))
            Assert.NotNull(value);

        using var store = RunStore.Open(storePath, createIfMissing: false);
        var ppo = Assert.Single(store.ListRuns(new RunFilter(Kind: RlhfMetricNames.PpoKind)));
        Assert.Equal("ppo-gold", ppo.Agent);
        var metrics = store.GetMetrics(ppo.Id);
        Assert.Equal([0L, 1L, 2L], metrics.Where(m => m.Name == RlhfMetricNames.Gold).Select(m => m.Step));
        Assert.Equal([1L, 2L], metrics.Where(m => m.Name == "objective/kl").Select(m => m.Step));
        // At step 0 the policy is the reference: KL exactly 0.
        Assert.Equal(0, metrics.First(m => m.Name == RlhfMetricNames.Kl).Value);
        Assert.Contains("\"kl_coef\":0.1", ppo.ConfigJson.Replace(" ", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
        var dpo = store.ListRuns(new RunFilter(Kind: RlhfMetricNames.DpoKind));
        Assert.Equal(["dpo-typical-beta-0.1", "dpo-typical-beta-0.5"], dpo.Select(r => r.Agent).Order(StringComparer.Ordinal));
        Assert.All(dpo, r => Assert.Contains(store.GetMetrics(r.Id), m => m.Name == "rewards/accuracies"));
    }

    [Fact]
    public void Report_writes_the_page_and_plots_for_the_folder_runs_and_runs_show_reads_them()
    {
        var (dir, storePath) = folder.Copy();
        // Run twice: the folder's report keeps the newest run of each method.
        Assert.Equal(0, CliRunner.Run("rlhf", "bon", "--dir", dir, "--store", storePath, "--proxy", "rm", "--proxy", "rater").ExitCode);
        Assert.Equal(0, CliRunner.Run("rlhf", "bon", "--dir", dir, "--store", storePath, "--proxy", "rm", "--proxy", "rater").ExitCode);
        var (code, output, error) = CliRunner.Run("rlhf", "report", "--dir", dir, "--store", storePath);
        Assert.True(code == 0, error);
        var index = Path.Combine(dir, "report", "index.html");
        Assert.Contains(index, output.ReplaceLineEndings(""), StringComparison.Ordinal);
        var html = File.ReadAllText(index);
        Assert.Contains("bon-typical-utility", html, StringComparison.Ordinal);
        foreach (var png in new[] { "01-bon-rm-curve.png", "01-bon-rm-behaviour.png", "02-bon-typical-utility-curve.png", "gold-typical.png" })
        {
            var bytes = File.ReadAllBytes(Path.Combine(dir, "report", png));
            Assert.Equal(0x89, bytes[0]);
            Assert.Contains(png, html, StringComparison.Ordinal);
        }

        Assert.False(File.Exists(Path.Combine(dir, "report", "03-bon-rm-curve.png")));
        using var store = RunStore.Open(storePath, createIfMissing: false);
        var bon = store.ListRuns(new RunFilter(Kind: RlhfMetricNames.BestOfNKind))[0];
        Assert.Contains(bon.Id, html, StringComparison.Ordinal);
        (code, output, _) = CliRunner.Run("runs", "show", bon.Id, "--store", storePath);
        Assert.Equal(0, code);
        Assert.Contains("gold/score", output, StringComparison.Ordinal);
        Assert.Contains("behaviour/sycophancy_rate", output, StringComparison.Ordinal);
        Assert.Contains("gold_peak", output, StringComparison.Ordinal);
        // The general report command hands RLHF runs to the RLHF report.
        (code, _, error) = CliRunner.Run("report", bon.Id, "--store", storePath, "--output", Path.Combine(dir, "general"));
        Assert.True(code == 0, error);
        Assert.Contains("d = sqrt(KL", File.ReadAllText(Path.Combine(dir, "general", "index.html")), StringComparison.Ordinal);
    }

    [Fact]
    public void Sweep_runs_bon_ppo_and_dpo_along_the_pressure_axis_and_writes_the_fits()
    {
        var (dir, storePath) = folder.Copy();
        var (code, output, error) = CliRunner.Run(
            "rlhf", "sweep", "--dir", dir, "--store", storePath, "--proxy", "rm", "--proxy", "gold", "--ppo-proxy", "rater", "--beta", "0.1");
        Assert.True(code == 0, error);
        Assert.Contains("Goodhart fits", output, StringComparison.Ordinal);
        using var sweep = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "sweep.json")));
        var runs = sweep.RootElement.EnumerateArray().ToArray();
        Assert.Equal(["bon-rm", "bon-gold", "ppo-typical-utility", "dpo-typical-beta-0.1"], runs.Select(r => r.GetProperty("method").GetString()));
        Assert.Equal(["rlhf-bon", "rlhf-bon", "rlhf-ppo", "rlhf-dpo"], runs.Select(r => r.GetProperty("kind").GetString()));
        Assert.All(runs, r => Assert.True(r.GetProperty("summary").TryGetProperty("gold_peak", out _)));
        using var store = RunStore.Open(storePath, createIfMissing: false);
        Assert.Equal(4, store.ListRuns(RunFilter.All).Count);
    }

    [Fact]
    public void Labelling_with_another_rater_carries_it_to_the_later_stages()
    {
        var (dir, storePath) = folder.Copy();
        var (labelled, said, _) = CliRunner.Run("rlhf", "label", "--dir", dir, "--rater", "careful");
        Assert.Equal(0, labelled);
        Assert.DoesNotContain("NaN", said, StringComparison.Ordinal); // the tiny preset's pairs have equal gold: no share to print
        Assert.Contains("labelled by careful", said, StringComparison.Ordinal);
        using (var row = JsonDocument.Parse(File.ReadLines(Path.Combine(dir, "pairs.train.jsonl")).First()))
            Assert.Equal("careful", row.RootElement.GetProperty("rater").GetString());
        var (code, _, error) = CliRunner.Run("rlhf", "dpo", "--dir", dir, "--store", storePath);
        Assert.True(code == 0, error);
        using var store = RunStore.Open(storePath, createIfMissing: false);
        var dpo = Assert.Single(store.ListRuns(RunFilter.All));
        Assert.Equal("rlhf:careful", dpo.Env);
        Assert.Equal("dpo-careful-beta-0.1", dpo.Agent);
    }
}
