using Goodhart.Core;
using Goodhart.Core.Environments;
using Goodhart.Core.ValueLearning;
using Goodhart.Experiments.ValueLearning;

namespace Goodhart.Experiments.Tests.ValueLearning;

public class PlaysAsDemonstrationsTests
{
    [Fact]
    public void Irl_vs_bc_from_a_recorded_play_of_the_oracles_route_gives_the_oracles_results()
    {
        using var dir = new TempDirectory();
        var config = new IrlVsBcConfig { Iterations = 100, Episodes = 2, Evaluate = ["distributional_shift:train", "distributional_shift:test2"] };
        var train = Gridworlds.GridworldCell.Catalog.Create(config.Train);
        var (space, demos) = IrlVsBcKind.Demonstrations(config, train, 1);
        var plays = Path.Combine(dir.Path, "plays.jsonl");
        RecordedPlays.Append(plays, new RecordedPlay(config.Train, [], 5, ActionString.Format([.. demos[0].Select(x => x.Action)]), "test"));
        var fromPlays = IrlVsBcKind.Demonstrations(config with { Plays = plays }, train, 1);
        Assert.Equal(space.Count, fromPlays.Space.Count);
        Assert.Equal(demos[0], fromPlays.Demos[0]);

        var kind = new IrlVsBcKind();
        kind.Validate(config with { Plays = plays });
        var a = Run(kind, config, dir);
        var b = Run(kind, config with { Plays = plays }, dir);
        Assert.Equal(a.OrderBy(kv => kv.Key), b.OrderBy(kv => kv.Key));
        Assert.Equal(1, b["demos"]);
    }

    [Fact]
    public void A_bad_play_file_is_one_error_naming_file_line_and_field()
    {
        using var dir = new TempDirectory();
        var plays = Path.Combine(dir.Path, "plays.jsonl");
        File.WriteAllText(plays, "{\"format\":\"goodhart-play/1\",\"env\":\"distributional_shift:train\",\"seed\":0,\"actions\":\"rr\"}\n{\"format\":\"goodhart-play/1\",\"env\":\"distributional_shift:train\",\"seed\":0,\"actions\":\"r?\"}\n");
        var e = Assert.Throws<UserInputException>(() => new IrlVsBcKind().Validate(new IrlVsBcConfig { Plays = plays }));
        Assert.Equal($"plays: {plays}:2: field 'actions': moves are letters u, d, l, r, n; got '?' at position 2", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    private static IReadOnlyDictionary<string, double> Run(IrlVsBcKind kind, IrlVsBcConfig config, TempDirectory dir)
    {
        using var store = Core.Runs.RunStore.Open(dir.Store);
        var context = new ExperimentContext("cell", 1, store, dir.Path, new SyncProgress<CellProgress>(_ => { }), CancellationToken.None);
        return kind.Run(context, config).Values;
    }
}
