using System.Globalization;
using Goodhart.Core.Rlhf;
using Goodhart.Learning.Checkpoints;
using Goodhart.Learning.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Goodhart.Learning.Rlhf;

/// <summary>
/// A learned reward model: a <see cref="ScalarHeadModel"/> read at the eos of <c>bos prompt response eos</c>
/// (<see cref="RewardInputs"/>), optionally standardised as (raw - <see cref="Shift"/>) / <see cref="Scale"/>.
/// Bradley-Terry training fixes scores only up to an additive constant, so members of an ensemble are
/// standardised on a common set of responses (<see cref="Calibrate"/>) before their scores are compared or combined.
/// Owns its network: dispose it.
/// </summary>
public sealed class RewardModel : IRewardScorer, IDisposable
{
    /// <summary>Metadata key of <see cref="Shift"/> in a checkpoint.</summary>
    public const string ShiftKey = "goodhart.reward_shift";

    /// <summary>Metadata key of <see cref="Scale"/> in a checkpoint.</summary>
    public const string ScaleKey = "goodhart.reward_scale";

    /// <summary>Metadata key of <see cref="Name"/> in a checkpoint.</summary>
    public const string NameKey = "goodhart.reward_name";

    /// <summary>Metadata key of <see cref="Pooling"/> in a checkpoint.</summary>
    public const string PoolingKey = "goodhart.reward_pooling";

    /// <summary>A reward model over <paramref name="network"/>, unstandardised (shift 0, scale 1).</summary>
    public RewardModel(ScalarHeadModel network, string name = "rm", RewardPooling pooling = RewardPooling.LastToken)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Network = network;
        Name = name;
        Pooling = pooling;
    }

    /// <summary>How the per-position scalars become one score; default <see cref="RewardPooling.LastToken"/>.</summary>
    public RewardPooling Pooling { get; }

    /// <summary>The scalar-head transformer.</summary>
    public ScalarHeadModel Network { get; }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>Subtracted from raw scores; default 0.</summary>
    public double Shift { get; private set; }

    /// <summary>Divides raw scores after the shift; default 1.</summary>
    public double Scale { get; private set; } = 1.0;

    /// <summary>Pairs scored per forward pass in <see cref="Score"/>; default 256.</summary>
    public int BatchSize { get; init; } = 256;

    /// <inheritdoc />
    public double[] Score(IReadOnlyList<string> prompts, IReadOnlyList<string> responses)
    {
        var raw = RawScores(prompts, responses);
        for (var i = 0; i < raw.Length; i++)
        {
            raw[i] = (raw[i] - Shift) / Scale;
        }

        return raw;
    }

    /// <summary>
    /// The network's scores before standardisation, without gradients, in batches of similar lengths (so padding
    /// stays small); the order of the results is the order of the pairs.
    /// </summary>
    public double[] RawScores(IReadOnlyList<string> prompts, IReadOnlyList<string> responses)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        ArgumentNullException.ThrowIfNull(responses);
        if (prompts.Count != responses.Count)
        {
            throw new ArgumentException($"{prompts.Count} prompts but {responses.Count} responses.");
        }

        var order = Enumerable.Range(0, prompts.Count).OrderBy(i => prompts[i].Length + responses[i].Length).ToArray();
        var result = new double[prompts.Count];
        var wasTraining = Network.training;
        Network.eval();
        try
        {
            using var _ = no_grad();
            for (var start = 0; start < order.Length; start += BatchSize)
            {
                using var scope = NewDisposeScope();
                var rows = order.AsSpan(start, Math.Min(BatchSize, order.Length - start)).ToArray();
                var values = ScoreBatch(rows.Select(i => prompts[i]).ToArray(), rows.Select(i => responses[i]).ToArray())
                    .to(ScalarType.Float64).cpu().data<double>().ToArray();
                for (var j = 0; j < rows.Length; j++)
                {
                    result[rows[j]] = values[j];
                }
            }
        }
        finally
        {
            Network.train(wasTraining);
        }

        return result;
    }

    /// <summary>
    /// The network's raw scores [batch] of the pairs in one forward pass, pooled per <see cref="Pooling"/>, in the
    /// caller's dispose scope and gradient mode (the trainer calls it with gradients).
    /// </summary>
    public Tensor ScoreBatch(IReadOnlyList<string> prompts, IReadOnlyList<string> responses)
    {
        if (Pooling == RewardPooling.ResponseMean)
        {
            var (tokens, _, mask) = RewardInputs.CreateWithResponseMask(prompts, responses, DeviceOf(Network), Network.Options.ContextLength);
            return Network.ScoreMean(tokens, mask);
        }

        var (sequences, last) = RewardInputs.Create(prompts, responses, DeviceOf(Network), Network.Options.ContextLength);
        return Network.ScoreAt(sequences, last);
    }

    /// <summary>
    /// Standardises the model on the given responses: afterwards their scores have mean 0 and (population)
    /// standard deviation 1 (scale 1 when they all score the same).
    /// </summary>
    public void Calibrate(IReadOnlyList<string> prompts, IReadOnlyList<string> responses)
    {
        var raw = RawScores(prompts, responses);
        if (raw.Length == 0)
        {
            throw new ArgumentException("Nothing to calibrate on.", nameof(prompts));
        }

        (Shift, Scale) = StandardisedScorer.ShiftAndScale(raw);
    }

    /// <summary>Standardises the model on both responses of every pair (see <see cref="Calibrate(IReadOnlyList{string}, IReadOnlyList{string})"/>).</summary>
    public void Calibrate(IReadOnlyList<PreferencePair> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        Calibrate(
            [.. pairs.Select(p => p.Prompt), .. pairs.Select(p => p.Prompt)],
            [.. pairs.Select(p => p.Chosen), .. pairs.Select(p => p.Rejected)]);
    }

    /// <summary>Writes the network, its shape and the standardisation to a safetensors file.</summary>
    public void Save(string path)
    {
        var extra = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [ShiftKey] = Shift.ToString("R", CultureInfo.InvariantCulture),
            [ScaleKey] = Scale.ToString("R", CultureInfo.InvariantCulture),
            [NameKey] = Name,
            [PoolingKey] = Pooling.ToString(),
        };
        ModelCheckpoint.Save(Network, path, extra);
    }

    /// <summary>Reads a reward model written by <see cref="Save"/> (or any scalar-head checkpoint: shift 0, scale 1).</summary>
    public static RewardModel Load(string path, Device? device = null)
    {
        var network = ModelCheckpoint.LoadScalarHead(path, device);
        try
        {
            var metadata = SafeTensors.LoadMetadata(path);
            var pooling = RewardPooling.LastToken;
            if (metadata.TryGetValue(PoolingKey, out var poolingText) && !Enum.TryParse(poolingText, ignoreCase: false, out pooling))
            {
                throw new CheckpointFormatException(
                    path, $"metadata field {PoolingKey}", $"is '{poolingText}', not one of {string.Join(", ", Enum.GetNames<RewardPooling>())}");
            }

            var scale = Number(metadata, ScaleKey, 1, path);
            if (!(scale > 0))
            {
                throw new CheckpointFormatException(path, $"metadata field {ScaleKey}", $"{scale} is not a positive scale");
            }

            return new RewardModel(network, metadata.GetValueOrDefault(NameKey, "rm"), pooling)
            {
                Shift = Number(metadata, ShiftKey, 0, path),
                Scale = scale,
            };
        }
        catch
        {
            network.Dispose();
            throw;
        }
    }

    private static double Number(Dictionary<string, string> metadata, string key, double missing, string path)
    {
        if (!metadata.TryGetValue(key, out var text))
        {
            return missing;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw new CheckpointFormatException(path, $"metadata field {key}", $"'{text}' is not a finite number");
    }

    /// <inheritdoc />
    public void Dispose() => Network.Dispose();

    internal static Device DeviceOf(nn.Module module) => module.parameters().First().device;
}
