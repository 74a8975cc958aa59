using System.Text.Json;
using Goodhart.Learning.Checkpoints;
using TorchSharp;
using static TorchSharp.torch;

namespace Goodhart.Learning.Rlhf;

/// <summary>
/// The checkpoint folder of an RLHF trainer (DPO, PPO, reward model): safetensors files of the weights, the AdamW
/// state (<see cref="OptimizerCheckpoint"/>) and, for PPO, the sampling generator's state, plus
/// <see cref="StateFile"/> (<see cref="RlhfCheckpointState"/>), written as one atomic <see cref="CheckpointSet"/> with a
/// manifest of the step and each file's hash: a resume continues from a whole set or refuses, never from a mix.
/// </summary>
public static class RlhfCheckpoint
{
    /// <summary>The policy's weights (DPO, PPO).</summary>
    public const string PolicyFile = "policy.safetensors";

    /// <summary>The value model's weights (PPO) or the reward model's (reward-model training).</summary>
    public const string ScalarHeadFile = "scalar_head.safetensors";

    /// <summary>AdamW's per-parameter state.</summary>
    public const string OptimizerFile = "optimizer.safetensors";

    /// <summary>The rollout sampler's torch generator state (PPO).</summary>
    public const string GeneratorFile = "generator.safetensors";

    /// <summary>Steps taken, options and metrics so far.</summary>
    public const string StateFile = "trainer_state.json";

    private const string GeneratorKey = "generator.state";

    /// <summary>Whether <paramref name="directory"/> holds a checkpoint to resume from.</summary>
    public static bool Exists(string? directory) => CheckpointSet.Exists(directory);

    /// <summary>
    /// The checkpoint's state, after checking it was written by <paramref name="method"/> with the same options
    /// (<see cref="CheckpointMismatchException"/> otherwise).
    /// </summary>
    public static RlhfCheckpointState ReadState(string directory, string method, object options)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var manifest = CheckpointSet.Open(directory);
        var path = Path.Combine(directory, StateFile);
        RlhfCheckpointState? state;
        try
        {
            state = JsonSerializer.Deserialize<RlhfCheckpointState>(File.ReadAllText(path), RlhfCheckpointState.Json);
        }
        catch (JsonException e)
        {
            throw new CheckpointFormatException(path, "trainer state", $"not valid JSON ({e.Message})", e);
        }

        if (state is null || state.Method is null || state.Options is null || state.GlobalStep < 0)
        {
            throw new CheckpointFormatException(path, "trainer state", "empty, or without method, options or a non-negative global_step");
        }
        if (state.GlobalStep != manifest.Step)
        {
            throw new CheckpointFormatException(
                $"checkpoint set in {directory} is incomplete: {StateFile} is step {state.GlobalStep}, the manifest step {manifest.Step}");
        }

        if (state.Method != method)
        {
            throw new CheckpointMismatchException($"{path}: a '{state.Method}' checkpoint, not a '{method}' one.");
        }

        if (state.Options != OptionsJson(options))
        {
            throw new CheckpointMismatchException(
                $"{path}: the checkpoint was written with other options; delete its folder (or run without --resume) to start afresh.");
        }

        return state;
    }

    /// <summary>The options as the state file records them.</summary>
    public static string OptionsJson(object options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return JsonSerializer.Serialize(options, options.GetType(), RlhfCheckpointState.Json);
    }

    /// <summary>Writes the tensor files through <paramref name="writers"/> and the state as one <see cref="CheckpointSet"/>.</summary>
    internal static void Save(string directory, RlhfCheckpointState state, params (string File, Action<string> Write)[] writers) =>
        CheckpointSet.Write(
            directory,
            state.GlobalStep,
            [.. writers, (StateFile, p => File.WriteAllText(p, JsonSerializer.Serialize(state, RlhfCheckpointState.Json)))]);

    /// <summary>Copies the weights saved at <paramref name="path"/> into <paramref name="model"/>.</summary>
    internal static void LoadWeights(nn.Module model, string path)
    {
        var (tensors, _) = SafeTensors.Load(path);
        try
        {
            ModelCheckpoint.LoadState(model, tensors, path);
        }
        finally
        {
            foreach (var tensor in tensors.Values)
            {
                tensor.Dispose();
            }
        }
    }

    /// <summary>Writes a torch generator's state.</summary>
    internal static void SaveGenerator(Generator generator, string path, long step)
    {
        using var state = generator.get_state();
        SafeTensors.Save(path, new Dictionary<string, Tensor> { [GeneratorKey] = state }, new Dictionary<string, string>(CheckpointSet.StepMetadata(step)) { ["format"] = "pt" });
    }

    /// <summary>Restores a torch generator's state written by <see cref="SaveGenerator"/>.</summary>
    internal static void LoadGenerator(Generator generator, string path)
    {
        var (tensors, _) = SafeTensors.Load(path);
        try
        {
            var saved = tensors.GetValueOrDefault(GeneratorKey) ?? throw new CheckpointFormatException(path, $"tensor '{GeneratorKey}'", "missing");
            using var current = generator.get_state();
            if (saved.dtype != current.dtype || !saved.shape.SequenceEqual(current.shape))
            {
                throw new CheckpointFormatException(
                    path, $"tensor '{GeneratorKey}'", $"is {saved.dtype} [{string.Join(", ", saved.shape)}], the generator's state is {current.dtype} [{string.Join(", ", current.shape)}]");
            }

            generator.set_state(saved);
        }
        finally
        {
            foreach (var tensor in tensors.Values)
            {
                tensor.Dispose();
            }
        }
    }
}
