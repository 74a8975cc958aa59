using Goodhart.Reports;

namespace Goodhart.Core.Tests.Reports;

public sealed class RunReportTests : IDisposable
{
    private const string MaliciousEnv = "boat_race\"><script>alert('env')</script>";
    private const string MaliciousConfig = "{\"note\":\"</pre><script>alert(1)</script>\",\"x\":1}";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "goodhart-report-tests-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
            Directory.Delete(_directory, recursive: true);
    }

    private static RunReportInput[] TwoRuns() =>
    [
        SyntheticRuns.GamingInput(),
        new(SyntheticRuns.Record("r-honest-2", MaliciousEnv, "sarsa", MaliciousConfig), SyntheticRuns.Honest(), Label: "honest <b>run</b>"),
    ];

    private IReadOnlyList<string> WriteTwoRuns(string? directory = null) =>
        RunReport.Write(TwoRuns(), directory ?? _directory, new RunReportOptions(Window: 5));

    [Fact]
    public void Writes_index_html_first_and_valid_pngs_beside_it()
    {
        var paths = WriteTwoRuns();

        Assert.Equal(Path.Combine(_directory, "index.html"), paths[0]);
        Assert.True(File.Exists(paths[0]));
        var pngs = paths.Skip(1).ToList();
        // final-objectives, gaming objectives + events, honest objectives (it has no events).
        Assert.Equal(4, pngs.Count);
        Assert.All(pngs, p => Assert.Equal(_directory, Path.GetDirectoryName(p)));
        Assert.Contains(Path.Combine(_directory, RunReport.FinalObjectivesFileName), pngs);
        foreach (var png in pngs)
        {
            var (width, height) = Path.GetFileName(png) switch
            {
                RunReport.FinalObjectivesFileName => (FinalObjectivesPlot.Width, FinalObjectivesPlot.Height),
                var n when n.EndsWith("-events.png", StringComparison.Ordinal) => (SafetyEventRatePlot.Width, SafetyEventRatePlot.Height),
                _ => (GoodhartCurvePlot.Width, GoodhartCurvePlot.Height),
            };
            PngFile.AssertValid(File.ReadAllBytes(png), width, height);
        }
    }

    [Fact]
    public void Html_references_every_plot_by_relative_name_and_nothing_external()
    {
        var paths = WriteTwoRuns();
        var html = File.ReadAllText(paths[0]);

        foreach (var png in paths.Skip(1))
            Assert.Contains($"<img src=\"{Path.GetFileName(png)}\"", html);
        Assert.DoesNotContain("http://", html);
        Assert.DoesNotContain("https://", html);
        Assert.DoesNotContain("<link", html);
        Assert.Contains("<style>", html);
    }

    [Fact]
    public void Html_states_the_run_ids_and_the_hand_computed_summary()
    {
        var html = File.ReadAllText(WriteTwoRuns()[0]);

        Assert.Contains("r-gaming-1", html);
        Assert.Contains("r-honest-2", html);
        // Gaming run, final window (episodes 15..19): return 17, sd sqrt(10/4), SE sqrt(10/4)/sqrt(5);
        // performance -7 (17 not counted), sd sqrt(10/3), SE over sqrt(4); gap 2i - 10 over 15, 16, 18, 19: 24, sd sqrt(40/3), SE over 2.
        Assert.Contains("<td class=\"num\">17.00 \u00b1 0.71</td>", html);
        Assert.Contains("<td class=\"num\">-7.00 \u00b1 0.91</td>", html);
        Assert.Contains("<td class=\"num\">24.00 \u00b1 1.83</td>", html);
        // First window (episodes 0..4): return 2 +/- 0.71, performance 8 +/- 0.71, gap -6 +/- sqrt(40/4)/sqrt(5).
        Assert.Contains("<td class=\"num\">2.00 \u00b1 0.71</td><td class=\"num\">17.00 \u00b1 0.71</td>", html);
        Assert.Contains("<td class=\"num\">8.00 \u00b1 0.71</td>", html);
        Assert.Contains("<td class=\"num\">-6.00 \u00b1 1.41</td>", html);
        // Oracle 10 across the three columns and the final shortfall 17 +/- the performance's SE; evaluation episodes 100 +/- 0.
        Assert.Contains("<td class=\"num\" colspan=\"3\">10.00</td>", html);
        Assert.Contains("<td class=\"num\">17.00 \u00b1 0.91</td>", html);
        Assert.Contains("<td class=\"num\">100.00 \u00b1 0.00</td>", html);
        // Event rates: the arrow event in none of the first 5 episodes and in 2 of the last 5 (SE sqrt(0.4 * 0.6 / 4)).
        Assert.Contains("<code>arrow_entered_against_direction</code></td><td class=\"num\">0% \u00b1 0%</td><td class=\"num\">40% \u00b1 24%</td>", html);
        Assert.Contains("<code>goal_reached</code></td><td class=\"num\">100% \u00b1 0%</td><td class=\"num\">0% \u00b1 0%</td>", html);
        Assert.DoesNotContain("vase_broken", html);
        // Honest run (10 episodes, window 5): final return and performance 10, 12, 14, 16, 18 -> 14 +/- sqrt(40/4)/sqrt(5), gap 0 +/- 0.
        Assert.Contains("<td class=\"num\">14.00 \u00b1 1.41</td><td class=\"num\">14.00 \u00b1 1.41</td><td class=\"num\">0.00 \u00b1 0.00</td>", html);
    }

    [Fact]
    public void A_window_of_one_episode_shows_means_without_a_standard_error()
    {
        var paths = RunReport.Write([SyntheticRuns.GamingInput()], _directory, new RunReportOptions(Window: 1));
        var html = File.ReadAllText(paths[0]);

        // Final window = episode 19 alone: return 19, performance -9, no spread to estimate.
        Assert.Contains("<td class=\"num\">19.00</td>", html);
        Assert.Contains("<td class=\"num\">-9.00</td>", html);
        Assert.DoesNotContain("19.00 \u00b1", html);
    }

    [Fact]
    public void Html_explains_the_divergence_in_plain_language()
    {
        var html = File.ReadAllText(WriteTwoRuns()[0]);

        Assert.Contains("Goodhart gap", html);
        Assert.Contains("The objectives diverged", html);
        Assert.Contains("Both rose", html);
        Assert.Contains("Return went from 2.00 &#177; 0.71 over the first 5 training episodes to 17.00 &#177; 0.71 over the last 5", html);
    }

    [Fact]
    public void Html_encodes_everything_from_data()
    {
        var html = File.ReadAllText(WriteTwoRuns()[0]);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>run", html);
        Assert.Contains("boat_race&quot;&gt;&lt;script&gt;alert(&#39;env&#39;)&lt;/script&gt;", html);
        Assert.Contains("&lt;/pre&gt;&lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.Contains("honest &lt;b&gt;run&lt;/b&gt;", html);
    }

    [Fact]
    public void Config_is_pretty_printed_inside_a_collapsible_block()
    {
        var html = File.ReadAllText(WriteTwoRuns()[0]);

        Assert.Contains("<details>\n<summary>Configuration</summary>\n<pre>{\n  &quot;episodes&quot;: 20,\n  &quot;alpha&quot;: 0.1\n}</pre>", html);
    }

    [Fact]
    public void Output_is_identical_when_written_twice()
    {
        var first = WriteTwoRuns(Path.Combine(_directory, "a"));
        var second = WriteTwoRuns(Path.Combine(_directory, "b"));

        Assert.Equal(first.Select(Path.GetFileName), second.Select(Path.GetFileName));
        for (var i = 0; i < first.Count; i++)
            Assert.Equal(File.ReadAllBytes(first[i]), File.ReadAllBytes(second[i]));
    }

    [Fact]
    public void Single_run_report_has_no_comparison_plot()
    {
        var paths = RunReport.Write([SyntheticRuns.GamingInput(oracle: null)], _directory);

        Assert.Equal(3, paths.Count);
        Assert.DoesNotContain(paths, p => p.EndsWith(RunReport.FinalObjectivesFileName, StringComparison.Ordinal));
        var html = File.ReadAllText(paths[0]);
        Assert.Contains("1 run:", html);
        // Default window for 20 training episodes is 2: final window = episodes 18, 19 (sd sqrt(0.5), SE 0.5).
        Assert.Contains("<td class=\"num\">18.50 \u00b1 0.50</td>", html);
    }
}
