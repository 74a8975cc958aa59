using System.Text.Json;
using Goodhart.Core.Environments;
using Goodhart.Learning.Checkpoints;
using static TorchSharp.torch;

namespace Goodhart.Learning.DeepRl.Dqn;

/// <summary>
/// A trained Q-network (<c>dqn</c>, <c>rainbow</c>) as an <see cref="IDeepPolicy"/>: the action scores are the Q values
/// (for C51 the expectations of the return distributions), with the noisy layers at their means. It owns its network.
/// Saved as one safetensors file whose metadata records the agent, the board shape and the options, so the file alone
/// rebuilds it.
/// </summary>
public sealed class QPolicy : IDeepPolicy
{
    private const string OptionsKey = "goodhart.dqn_options";
    private const string ShapeKey = "goodhart.board_shape";

    private readonly QNetwork _network;
    private readonly DqnOptions _options;
    private readonly BoardEncoder _encoder;
    private readonly float[] _planes;

    /// <param name="agent">The agent's name.</param>
    /// <param name="shape">The boards it reads.</param>
    /// <param name="options">The options the network was built with.</param>
    /// <param name="network">The network (the policy takes ownership).</param>
    public QPolicy(string agent, BoardShape shape, DqnOptions options, QNetwork network)
    {
        Agent = agent ?? throw new ArgumentNullException(nameof(agent));
        Shape = shape ?? throw new ArgumentNullException(nameof(shape));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _network = network ?? throw new ArgumentNullException(nameof(network));
        _network.SetNoise(false);
        _encoder = new BoardEncoder(new EnvironmentSpec("policy", "", "", shape.Height, shape.Width, shape.Actions, 100, shape.Tiles, false));
        _planes = new float[shape.Length];
    }

    /// <inheritdoc />
    public string Agent { get; }

    /// <inheritdoc />
    public BoardShape Shape { get; }

    /// <inheritdoc />
    public float[] ActionScores(Gridworld env)
    {
        ArgumentNullException.ThrowIfNull(env);
        if (!Shape.Fits(env.Spec))
            throw new ArgumentException($"{env.Spec.Id}'s boards ({BoardShape.Of(env.Spec)}) do not fit the policy's ({Shape}).", nameof(env));
        _encoder.Encode(env.Board, _planes);
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var input = tensor(_planes, [1, Shape.Length], device: TorchDevice.Default);
        return _network.QValues(_network.forward(input)).cpu().data<float>().ToArray();
    }

    /// <inheritdoc />
    public void Save(string path)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [DeepAgentCatalog.AgentKey] = Agent,
            [OptionsKey] = JsonSerializer.Serialize(_options),
            [ShapeKey] = JsonSerializer.Serialize(Shape),
        };
        SafeTensors.Save(path, _network.state_dict(), metadata);
    }

    /// <summary>Rebuilds a policy <see cref="Save"/> wrote; <see cref="CheckpointFormatException"/> naming the file and field otherwise.</summary>
    public static QPolicy Load(string agent, string path)
    {
        var (tensors, metadata) = SafeTensors.Load(path);
        try
        {
            var options = Read<DqnOptions>(metadata, OptionsKey, path);
            var shape = Read<BoardShape>(metadata, ShapeKey, path);
            try
            {
                options.Validate();
            }
            catch (ArgumentException e)
            {
                throw new CheckpointFormatException(path, $"__metadata__.{OptionsKey}", e.Message, e);
            }
            if (shape.Height is < 1 or > 64 || shape.Width is < 1 or > 64 || shape.Actions is < 1 or > 5 || string.IsNullOrEmpty(shape.Tiles))
                throw new CheckpointFormatException(path, $"__metadata__.{ShapeKey}", $"tiles {(shape.Tiles is null ? "null" : $"'{shape.Tiles}'")}, {shape.Height} x {shape.Width}, {shape.Actions} actions is not a gridworld board (at most 64 x 64, 1-5 actions)");
            var network = new QNetwork(shape.Length, shape.Actions, options, 0);
            ModelCheckpoint.LoadState(network, tensors, path);
            return new QPolicy(agent, shape, options, network);
        }
        finally
        {
            foreach (var t in tensors.Values)
                t.Dispose();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _network.Dispose();

    private static T Read<T>(Dictionary<string, string> metadata, string key, string path)
    {
        if (!metadata.TryGetValue(key, out var text))
            throw new CheckpointFormatException(path, $"__metadata__.{key}", "missing");
        try
        {
            return JsonSerializer.Deserialize<T>(text) ?? throw new CheckpointFormatException(path, $"__metadata__.{key}", "null");
        }
        catch (JsonException e)
        {
            throw new CheckpointFormatException(path, $"__metadata__.{key}", $"not valid JSON ({e.Message})", e);
        }
    }
}
