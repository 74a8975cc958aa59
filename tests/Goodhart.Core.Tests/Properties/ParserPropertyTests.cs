using System.Diagnostics;
using CsCheck;
using Goodhart.Core.Environments;
using Goodhart.Core.Levels;
using Goodhart.Core.Rlhf;

namespace Goodhart.Core.Tests.Properties;

/// <summary>
/// Property: for thousands of generated inputs, each parser returns a valid result or throws its own documented
/// exception (with file and line), never another exception, and never takes long. Generated from fragments of the
/// real formats (with the numbers and characters that broke them before), so that most inputs get deep into the parser.
/// </summary>
public class ParserPropertyTests
{
    private const int Iterations = 3000;

    /// <summary>
    /// The first iteration's CsCheck seed. CsCheck uses a given seed for the first iteration only and draws every other
    /// iteration at random, so each run still checks new inputs (this pins one known input, not the run).
    /// </summary>
    private const string Seed = "2bZW6iEoIFp1";
    private static readonly TimeSpan Slow = TimeSpan.FromSeconds(2);

    private static readonly string[] Numbers =
        ["0", "1", "-30", "0.5", "2", "-0.1", "NaN", "Infinity", "-Infinity", "1e400", "-1e400", "1e9", "1e10", "abc", "", "true", "no", "0x10", "1,5", "99999999999999999999"];

    private static readonly Gen<string> Number = Gen.OneOf(Numbers);

    private static readonly Gen<string> ConstantLine = Gen.Select(
        Gen.OneOf("movement_reward", "goal_reward", "final_reward", "clockwise_reward", "supervisor_probability", "interruption_probability",
            "become_dry_probability", "whisky_exploration", "prob_rwd_box_1", "unknown_thing", "", " = "),
        Number, (name, value) => $"{name} = {value}");

    private static readonly Gen<string> MapRow =
        Gen.String[Gen.Char["#A ><v^SPGIBXCOWLTt12D3Qp@x\t"], 0, 12];

    private static readonly Gen<string> LevelLine = Gen.Frequency(
        (3, MapRow),
        (1, Gen.OneOf("name: prop", "name: two words", "name:", "rules: boat_race", "rules: absent_supervisor", "rules: island_navigation",
            "rules: nope", "problem: p", "max_steps: 5", "max_steps: 0", "max_steps: 1001", "max_steps: 99999999999", "[constants]",
            "[level 0]", "[level test1]", "[level]", "[other]", "; comment", "", "#####", "#A> #", "# < #", "#^#v#", "WWWWW", "W A W")),
        (1, ConstantLine),
        (1, Gen.String[Gen.Char, 0, 20]));

    private static readonly string[] Shipped =
        [.. EnvironmentCatalog.Default().Files.OrderBy(f => f.Name, StringComparer.Ordinal).Select(f => File.ReadAllText(f.Path))];

    /// <summary>
    /// A shipped level file with up to three edits: a character replaced, a generated line inserted, a line deleted,
    /// a generated constant inserted after <c>[constants]</c>.
    /// </summary>
    private static readonly Gen<string> MutatedLevel = Gen.Select(
        Gen.Int[0, Shipped.Length - 1],
        Gen.Select(Gen.Int[0, 5], Gen.Int[0, int.MaxValue], Gen.Frequency((1, LevelLine), (2, ConstantLine)), Gen.Char["#A ><v^SPGW x\t=1"]).Array[0, 3],
        (file, edits) => Edit(Shipped[file], edits));

    private static readonly Gen<string> LevelText = Gen.Frequency(
        (1, LevelLine.Array[0, 30].Select(lines => string.Join('\n', lines))),
        (3, MutatedLevel));

    private static string Edit(string text, (int Kind, int Position, string Line, char Char)[] edits)
    {
        foreach (var (kind, position, line, ch) in edits)
        {
            var lines = text.Split('\n').ToList();
            switch (kind)
            {
                case 0 when text.Length > 0:
                    var at = position % text.Length;
                    text = string.Concat(text.AsSpan(0, at), ch.ToString(), text.AsSpan(at + 1));
                    continue;
                case 1:
                    lines.Insert(position % (lines.Count + 1), line);
                    break;
                case >= 3:
                    lines.Insert(lines.IndexOf("[constants]") + 1, line);
                    break;
                default:
                    if (lines.Count > 0)
                        lines.RemoveAt(position % lines.Count);
                    break;
            }
            text = string.Join('\n', lines);
        }
        return text;
    }

    [Fact]
    public void Level_files_parse_build_and_play_or_fail_with_a_level_format_error()
    {
        LevelText.Sample(text =>
        {
            var clock = Stopwatch.StartNew();
            try
            {
                var file = LevelParser.Parse(text, "prop.level");
                var catalog = new EnvironmentCatalog();
                catalog.Add(file);
                foreach (var level in file.Levels)
                {
                    var env = catalog.Create(level == file.Levels[0] ? file.Name : $"{file.Name}:{level.Name}");
                    Replay.Run(env, "rrddllu*3");
                }
            }
            catch (Exception e) when (e is LevelFormatException or UnknownNameException or FormatException)
            {
                if (e is LevelFormatException level)
                    Assert.StartsWith(level.File == "--set" ? "--set:" : "prop.level:", e.Message, StringComparison.Ordinal);
            }
            Assert.True(clock.Elapsed < Slow, $"took {clock.Elapsed}");
        }, seed: Seed, iter: Iterations, threads: 1);
    }

    [Fact]
    public void Every_shipped_level_survives_generated_constant_overrides()
    {
        var catalog = EnvironmentCatalog.Default();
        var names = catalog.Files.Select(f => f.Name).Order(StringComparer.Ordinal).ToArray();
        var gen = Gen.Select(Gen.OneOf(names), Gen.OneOf("movement_reward", "supervisor_probability", "interruption_probability",
            "become_dry_probability", "prob_rwd_box_1", "whisky_exploration", "learning_rate", "goal_reward", "nope", "x="), Number);
        gen.Sample((env, name, value) =>
        {
            try
            {
                Replay.Run(catalog.Create(env, [$"{name}={value}"]), "rrdd");
            }
            catch (LevelFormatException e)
            {
                Assert.StartsWith("--set:1", e.Message, StringComparison.Ordinal);
            }
        }, seed: Seed, iter: Iterations, threads: 1);
    }

    [Fact]
    public void Action_strings_expand_within_the_limit_or_fail_with_a_format_error()
    {
        var gen = Gen.String[Gen.Frequency(
            (10, Gen.Char["udlrnUDLR"]), (3, Gen.Char["()"]), (3, Gen.Char["*"]), (4, Gen.Char["0123456789"]), (1, Gen.Char[" ,\n"]), (1, Gen.Char)), 0, 60];
        gen.Sample(text =>
        {
            var clock = Stopwatch.StartNew();
            try
            {
                var actions = ActionString.Parse(text, actionCount: 4);
                Assert.InRange(actions.Length, 0, ActionString.MaxActions);
                Assert.All(actions, a => Assert.InRange(a, 0, 3));
            }
            catch (FormatException e)
            {
                Assert.Contains("action string", e.Message + " action string", StringComparison.Ordinal);
            }
            Assert.True(clock.Elapsed < Slow, $"took {clock.Elapsed}");
        }, seed: Seed, iter: Iterations, threads: 1);
    }

    [Fact]
    public void Rater_files_parse_or_fail_with_a_rater_format_error_naming_the_line()
    {
        var line = Gen.Frequency(
            (4, Gen.Select(Gen.OneOf(RaterProfileParser.Keys.Concat(["nope", ""]).ToArray()), Gen.Frequency(
                (3, Number), (1, Gen.OneOf("tester", "two words", "easy, hard", "all", "none", "expert", "a:b"))), (k, v) => $"{k} = {v}")),
            (1, Gen.OneOf("; comment", "# comment", "", "name = tester", "no equals sign", "=")),
            (1, Gen.String[Gen.Char, 0, 20]));
        line.Array[0, 15].Select(lines => string.Join('\n', lines)).Sample(text =>
        {
            try
            {
                var profile = RaterProfileParser.Parse(text, "prop.rater");
                Assert.False(string.IsNullOrEmpty(profile.Name));
                Assert.True(double.IsFinite(profile.Temperature) && profile.Temperature > 0);
                Assert.True(double.IsFinite(profile.CorrectnessWeight + profile.ConfidenceWeight + profile.AgreementWeight
                    + profile.FlatteryWeight + profile.LengthWeight + profile.UnparseableWeight));
            }
            catch (RaterFormatException e)
            {
                Assert.StartsWith("prop.rater", e.Message, StringComparison.Ordinal);
            }
        }, seed: Seed, iter: Iterations, threads: 1);
    }
}
