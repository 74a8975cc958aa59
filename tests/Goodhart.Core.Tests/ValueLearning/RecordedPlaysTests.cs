using Goodhart.Core.Environments;
using Goodhart.Core.Randomness;
using Goodhart.Core.ValueLearning;

namespace Goodhart.Core.Tests.ValueLearning;

public class RecordedPlaysTests
{
    private static string TempFile()
    {
        var dir = Path.Combine(Path.GetTempPath(), "goodhart-core-tests");
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, Guid.NewGuid().ToString("N") + ".jsonl");
    }

    [Fact]
    public void A_play_file_round_trips()
    {
        var path = TempFile();
        try
        {
            var plays = new[]
            {
                new RecordedPlay("boat_race", [], 0, "rrddllu", "goodhart play"),
                new RecordedPlay("safe_interruptibility:0", ["interruption_probability=0"], ulong.MaxValue, "nnrd", "workbench"),
            };
            foreach (var p in plays)
                RecordedPlays.Append(path, p);
            var read = RecordedPlays.Read(path);
            Assert.Equal(plays.Length, read.Count);
            for (var i = 0; i < plays.Length; i++)
            {
                Assert.Equal(plays[i].Env, read[i].Env);
                Assert.Equal(plays[i].Set, read[i].Set);
                Assert.Equal(plays[i].Seed, read[i].Seed);
                Assert.Equal(plays[i].Actions, read[i].Actions);
                Assert.Equal(plays[i].Source, read[i].Source);
            }
            Assert.StartsWith("{\"format\":\"goodhart-play/1\",\"env\":\"boat_race\"", File.ReadAllLines(path)[0], StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("{\"format\":\"goodhart-play/1\",\"env\":\"boat_race\",\"seed\":0,\"actions\":\"rrx\"}", "plays.jsonl:2: field 'actions': moves are letters u, d, l, r, n; got 'x' at position 3")]
    [InlineData("{\"format\":\"goodhart-play/1\",\"env\":\"boat_race\",\"seed\":-1,\"actions\":\"rr\"}", "plays.jsonl:2: field 'seed'")]
    [InlineData("{\"format\":\"goodhart-play/1\",\"env\":\"boat_race\",\"seed\":0,\"actions\":\"rr\",\"speed\":3}", "plays.jsonl:2: field 'speed': unknown field")]
    [InlineData("{\"format\":\"goodhart-play/2\",\"env\":\"boat_race\",\"seed\":0,\"actions\":\"rr\"}", "plays.jsonl:2: field 'format'")]
    [InlineData("{\"env\":\"boat_race\",\"seed\":0,\"actions\":\"rr\"}", "plays.jsonl:2: field 'format': missing")]
    [InlineData("[1, 2]", "plays.jsonl:2: field 'line': expected a JSON object")]
    [InlineData("{\"format\":", "plays.jsonl:2: field 'line': not a JSON object")]
    public void A_bad_line_is_refused_naming_the_file_line_and_field(string line, string expected)
    {
        var text = RecordedPlays.Serialize(new RecordedPlay("boat_race", [], 0, "rr", "test")) + "\n" + line + "\n";
        var e = Assert.Throws<PlayFormatException>(() => RecordedPlays.Read(new StringReader(text), "plays.jsonl"));
        Assert.StartsWith(expected, e.Message, StringComparison.Ordinal);
        Assert.Equal(2, e.Line);
    }

    [Fact]
    public void An_empty_or_missing_file_is_refused()
    {
        Assert.Contains("holds no plays", Assert.Throws<PlayFormatException>(() => RecordedPlays.Read(new StringReader("\n\n"), "empty.jsonl")).Message, StringComparison.Ordinal);
        Assert.Contains("no such file", Assert.Throws<PlayFormatException>(() => RecordedPlays.Read("/nonexistent/plays.jsonl")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Irl_and_cloning_from_recorded_oracle_plays_equal_irl_and_cloning_from_the_oracles_demos()
    {
        const string id = "distributional_shift:train";
        var env = EnvironmentCatalog.Default().Create(id);
        var space = StateSpace.Explore(env);
        var seeds = new ulong[] { 1, 2, 3 };
        var (oracle, _) = OracleDemonstrations.Record(env, space, seeds);
        // A person who plays exactly what the oracle played, recorded to a file and read back.
        var path = TempFile();
        try
        {
            for (var i = 0; i < seeds.Length; i++)
                RecordedPlays.Append(path, new RecordedPlay(id, [], seeds[i], ActionString.Format([.. oracle[i].Select(x => x.Action)]), "test"));
            var played = RecordedPlays.ToDemonstrations(RecordedPlays.Read(path), path, id, env, space);
            Assert.Equal(oracle.Count, played.Count);
            for (var i = 0; i < oracle.Count; i++)
                Assert.Equal(oracle[i], played[i]);
            var phi = TileFeatures.Compute(space);
            Assert.Equal(MaxEntIrl.Fit(space, phi, oracle, env.Spec.MaxSteps, 50, 0.5), MaxEntIrl.Fit(space, phi, played, env.Spec.MaxSteps, 50, 0.5));
            var fromOracle = new BehaviourCloning(space.Actions);
            var fromPlays = new BehaviourCloning(space.Actions);
            foreach (var (s, a) in oracle.SelectMany(d => d))
                fromOracle.Add(BehaviourCloning.KeyOf(space.Board(s)), a);
            foreach (var (s, a) in played.SelectMany(d => d))
                fromPlays.Add(BehaviourCloning.KeyOf(space.Board(s)), a);
            var r1 = new Xoshiro256(5);
            var r2 = new Xoshiro256(5);
            for (var s = 0; s < space.Count; s++)
            {
                var key = BehaviourCloning.KeyOf(space.Board(s));
                Assert.Equal(fromOracle.Act(key, ref r1), fromPlays.Act(key, ref r2));
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Plays_on_another_env_or_with_overrides_are_refused_as_demonstrations_naming_the_line()
    {
        const string id = "distributional_shift:train";
        var env = EnvironmentCatalog.Default().Create(id);
        var space = StateSpace.Explore(env);
        var plays = new[] { new RecordedPlay(id, [], 0, "rr", "t"), new RecordedPlay("boat_race", [], 0, "rr", "t") };
        var e = Assert.Throws<PlayFormatException>(() => RecordedPlays.ToDemonstrations(plays, "p.jsonl", id, env, space));
        Assert.StartsWith("p.jsonl:2: field 'env'", e.Message, StringComparison.Ordinal);
        var set = new[] { new RecordedPlay(id, ["lava_reward=-1"], 0, "rr", "t") };
        Assert.StartsWith("p.jsonl:1: field 'set'", Assert.Throws<PlayFormatException>(() => RecordedPlays.ToDemonstrations(set, "p.jsonl", id, env, space)).Message, StringComparison.Ordinal);
    }
}
