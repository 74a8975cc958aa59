using CsCheck;
using Goodhart.Learning.Checkpoints;
using Goodhart.Learning.DeepRl;

namespace Goodhart.Learning.Tests.DeepRl;

/// <summary>
/// Fuzz pass over a deep policy checkpoint's metadata (issue 11): a real saved PPO policy whose agent, board-shape and
/// network metadata are replaced by generated values (a field set to a hostile number, string, null or list; the JSON
/// cut short; random text) either loads as a policy of the shape it claims or is refused with
/// <see cref="CheckpointFormatException"/>; never another exception and never a huge allocation.
/// </summary>
public sealed class DeepCheckpointMetadataFuzzTests
{
    private const string ShapeKey = "goodhart.board_shape";
    private const string NetworkKey = "goodhart.board_network";

    private static readonly string[] Hostile =
        ["-1", "0", "1", "3", "256", "4097", "2147483647", "-2147483648", "1e400", "1.5", "\"x\"", "\"\"", "null", "true", "[]", "{}", "\"cnn\"", "\"mlp\"", "[8, 8]", "[0]", "[99999]"];

    [Fact]
    public void Generated_metadata_loads_or_is_refused_cleanly()
    {
        using var folder = new TemporaryFolder();
        var path = folder.File("policy.safetensors");
        var shape = BoardShape.Of(DeepRlFixture.BoatRace().Spec);
        using (var policy = new ActorCriticPolicy("ppo", ActorCritic.Create(shape, new BoardNetworkOptions(), 1)))
            policy.Save(path);
        var (tensors, metadata) = SafeTensors.Load(path);
        var keys = new[] { ShapeKey, NetworkKey, DeepAgentCatalog.AgentKey };

        Gen.Select(Gen.Int[0, keys.Length - 1], Gen.Int[0, 2], Gen.Int[0, int.MaxValue], Gen.Int[0, Hostile.Length - 1], Gen.String).Sample((key, how, where, value, text) =>
        {
            var edited = new Dictionary<string, string>(metadata, StringComparer.Ordinal);
            var original = edited[keys[key]];
            edited[keys[key]] = how switch
            {
                0 => ReplaceField(original, where, Hostile[value]),
                1 => original[..(where % (original.Length + 1))],
                _ => text,
            };
            var damaged = folder.File(Guid.NewGuid().ToString("N") + ".safetensors"); // CsCheck samples on several threads: one file each
            SafeTensors.Save(damaged, tensors, edited);
            try
            {
                using var loaded = DeepAgentCatalog.LoadPolicy(damaged);
                return loaded.Shape.Height is >= 1 and <= 256 && loaded.Shape.Width is >= 1 and <= 256;
            }
            catch (CheckpointFormatException e)
            {
                return e.Message.Contains(damaged, StringComparison.Ordinal);
            }
        }, iter: 80);
        foreach (var t in tensors.Values)
            t.Dispose();
    }

    [Theory]
    [InlineData("ppo")]
    [InlineData("rainbow")]
    public void A_board_shape_without_tiles_is_refused_naming_the_field(string agent)
    {
        // Regression (CsCheck seed 8jSu77KQ6g21): the refusal's message printed the shape record, whose Planes and
        // Length read the missing tiles, so a null "Tiles" escaped as a NullReferenceException.
        using var folder = new TemporaryFolder();
        var path = folder.File("policy.safetensors");
        var trained = DeepAgentCatalog.Create(agent).Train(new DeepTrainingRequest { MakeEnv = DeepRlFixture.BoatRace, Steps = agent == "ppo" ? 512 : 64, Network = new BoardNetworkOptions { Hidden = 8 } });
        using (trained.Policy)
            trained.Policy.Save(path);
        var (tensors, metadata) = SafeTensors.Load(path);
        try
        {
            metadata[ShapeKey] = ReplaceField(metadata[ShapeKey], 0, "null");
            Assert.Contains("\"tiles\":null", metadata[ShapeKey], StringComparison.OrdinalIgnoreCase);
            SafeTensors.Save(path, tensors, metadata);
        }
        finally
        {
            foreach (var t in tensors.Values)
                t.Dispose();
        }

        var e = Assert.Throws<CheckpointFormatException>(() => DeepAgentCatalog.LoadPolicy(path));

        Assert.Contains(ShapeKey, e.Message, StringComparison.Ordinal);
        Assert.Contains("tiles null", e.Message, StringComparison.Ordinal);
    }

    /// <summary>Replaces the value of the n-th field of a flat JSON object with <paramref name="value"/>.</summary>
    private static string ReplaceField(string json, int n, string value)
    {
        var colons = new List<int>();
        for (var i = json.IndexOf(':', StringComparison.Ordinal); i >= 0; i = json.IndexOf(':', i + 1))
            colons.Add(i + 1);
        if (colons.Count == 0)
            return json;
        var start = colons[n % colons.Count];
        var end = start;
        var depth = 0;
        var inString = false;
        for (; end < json.Length; end++)
        {
            var c = json[end];
            if (inString)
            {
                inString = c != '"';
                continue;
            }
            if (c == '"')
                inString = true;
            else if (c is '[' or '{')
                depth++;
            else if (c is ']' or '}')
            {
                if (depth == 0)
                    break;
                depth--;
            }
            else if (c == ',' && depth == 0)
                break;
        }
        return json[..start] + value + json[end..];
    }
}
