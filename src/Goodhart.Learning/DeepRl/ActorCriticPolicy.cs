using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Goodhart.Core.Environments;
using Goodhart.Learning.Checkpoints;
using static TorchSharp.torch;

namespace Goodhart.Learning.DeepRl;

/// <summary>
/// A trained actor-critic (PPO, A2C) as an <see cref="IDeepPolicy"/>: the action scores are the policy head's logits.
/// It owns its network. Saved as one safetensors file whose metadata records the agent, the board shape and the
/// network options, so the file alone rebuilds it.
/// </summary>
internal sealed class ActorCriticPolicy : IDeepPolicy
{
    /// <summary>The largest board side a policy file may declare (the level format's limit).</summary>
    public const int MaxBoardSide = 64;

    private const string ShapeKey = "goodhart.board_shape";
    private const string NetworkKey = "goodhart.board_network";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    private readonly float[] _board;
    private readonly float[] _planes;

    public ActorCriticPolicy(string agent, ActorCritic network)
    {
        Agent = agent;
        Network = network;
        _board = new float[network.Shape.Length];
        _planes = new float[network.InputShape.Length];
    }

    public string Agent { get; }

    public BoardShape Shape => Network.Shape;

    public ActorCritic Network { get; }

    public float[] ActionScores(Gridworld env)
    {
        ArgumentNullException.ThrowIfNull(env);
        if (!Shape.Fits(env.Spec))
            throw new ArgumentException($"{env.Spec.Id}'s boards ({BoardShape.Of(env.Spec)}) do not fit the policy's ({Shape}).", nameof(env));
        env.WriteOneHot(_board);
        Network.Observation.Write(_board, 1, _planes);
        var inputShape = Network.InputShape;
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        using var input = tensor(_planes, [1, inputShape.Planes, inputShape.Height, inputShape.Width]);
        var (logits, _) = Network.forward(input);
        return logits.data<float>().ToArray();
    }

    public void Save(string path) => Save(path, null);

    /// <summary>Writes the policy with <paramref name="extra"/> metadata (a checkpoint's step).</summary>
    public void Save(string path, IReadOnlyDictionary<string, string>? extra)
    {
        ArgumentNullException.ThrowIfNull(path);
        var metadata = new Dictionary<string, string>(extra ?? new Dictionary<string, string>(), StringComparer.Ordinal)
        {
            ["format"] = "pt",
            [DeepAgentCatalog.AgentKey] = Agent,
            [ShapeKey] = JsonSerializer.Serialize(Shape, Json),
            [NetworkKey] = JsonSerializer.Serialize(Network.Options, Json),
        };
        SafeTensors.Save(path, Network.state_dict(), metadata);
    }

    /// <summary>Rebuilds the policy saved at <paramref name="path"/> by <paramref name="agent"/>.</summary>
    public static ActorCriticPolicy Load(string agent, string path)
    {
        var (tensors, metadata) = SafeTensors.Load(path);
        try
        {
            var shape = Read<BoardShape>(metadata, ShapeKey, path);
            if (shape.Tiles is null || shape.Tiles.Length is < 1 or > 256 || shape.Height is < 1 or > MaxBoardSide || shape.Width is < 1 or > MaxBoardSide || shape.Actions is < 1 or > 5)
                throw new CheckpointFormatException(path, $"__metadata__.{ShapeKey}", $"tiles {(shape.Tiles is null ? "null" : $"'{shape.Tiles}'")}, {shape.Height} x {shape.Width}, {shape.Actions} actions is outside 1-256 tiles, 1-{MaxBoardSide} rows and columns, 1-5 actions");
            var options = Read<BoardNetworkOptions>(metadata, NetworkKey, path);
            try
            {
                options.Validate();
            }
            catch (Core.UserInputException e)
            {
                throw new CheckpointFormatException(path, $"__metadata__.{NetworkKey}", e.Message);
            }

            var network = ActorCritic.Create(shape, options, 0);
            ModelCheckpoint.LoadState(network, tensors, path);
            return new ActorCriticPolicy(agent, network);
        }
        finally
        {
            foreach (var t in tensors.Values)
                t.Dispose();
        }
    }

    public void Dispose() => Network.Dispose();

    private static T Read<T>(Dictionary<string, string> metadata, string key, string path)
    {
        if (!metadata.TryGetValue(key, out var text))
            throw new CheckpointFormatException(path, $"__metadata__.{key}", "missing");
        try
        {
            return JsonSerializer.Deserialize<T>(text, Json) ?? throw new JsonException("null");
        }
        catch (JsonException e)
        {
            throw new CheckpointFormatException(path, $"__metadata__.{key}", string.Create(CultureInfo.InvariantCulture, $"not valid ({e.Message})"), e);
        }
    }
}
