using System.Text.Json;
using System.Text.Json.Serialization;
using Goodhart.Core.Environments;
using Goodhart.Learning.Checkpoints;
using TorchSharp.Modules;

namespace Goodhart.Learning.DeepRl;

/// <summary>
/// The checkpoint set of an on-policy agent, written at update boundaries through <see cref="CheckpointSet"/>
/// (atomic): <c>policy.safetensors</c> (the network), <c>optimizer.safetensors</c> (AdamW's moments) and
/// <c>trainer.json</c> (the agent, its settings, the update count and the rollout's state: every copy's env snapshot,
/// the sampling stream, the counters). Resuming restores all of it, so the run goes on exactly as if uninterrupted;
/// a set written by another agent or with other settings is refused.
/// </summary>
internal static class OnPolicyCheckpoint
{
    public const string PolicyFile = "policy.safetensors";
    public const string OptimizerFile = "optimizer.safetensors";
    public const string TrainerFile = "trainer.json";
    public const string Format = "goodhart.deep_on_policy/1";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        IncludeFields = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Writes the set for the state after <paramref name="update"/> updates.</summary>
    public static void Save(string directory, ActorCriticPolicy policy, AdamW optimizer, string settings, int update, OnPolicyRollout rollout)
    {
        var state = rollout.Save();
        var trainer = new TrainerState(Format, policy.Agent, settings, state.EnvSteps, update, state.EnvSteps, state.Episodes,
            [state.Rng.Item1, state.Rng.Item2, state.Rng.Item3, state.Rng.Item4], [.. state.Copies]);
        var step = CheckpointSet.StepMetadata(state.EnvSteps);
        CheckpointSet.Write(directory, state.EnvSteps,
        [
            (PolicyFile, path => policy.Save(path, step)),
            (OptimizerFile, path => OptimizerCheckpoint.Save(optimizer, path, step)),
            (TrainerFile, path => File.WriteAllText(path, JsonSerializer.Serialize(trainer, Json))),
        ]);
    }

    /// <summary>
    /// Restores the set in <paramref name="directory"/> into the network, optimizer and rollout and returns the
    /// updates done; 0 (nothing restored) when there is no set. Refuses (<see cref="CheckpointFormatException"/>) a
    /// damaged set, or one of another agent or other settings.
    /// </summary>
    public static int Resume(string? directory, ActorCriticPolicy policy, AdamW optimizer, string settings, OnPolicyRollout rollout)
    {
        if (!CheckpointSet.Exists(directory))
            return 0;
        CheckpointSet.Open(directory!);
        var trainerPath = Path.Combine(directory!, TrainerFile);
        TrainerState? trainer;
        try
        {
            trainer = JsonSerializer.Deserialize<TrainerState>(File.ReadAllText(trainerPath), Json);
        }
        catch (JsonException e)
        {
            throw new CheckpointFormatException(trainerPath, "trainer state", $"not valid JSON ({e.Message})", e);
        }

        if (trainer is null || trainer.Format != Format || trainer.Rng is not { Length: 4 } || trainer.Copies is null)
            throw new CheckpointFormatException(trainerPath, "format", $"not a '{Format}' trainer state");
        if (trainer.Agent != policy.Agent)
            throw new CheckpointFormatException(trainerPath, "agent", $"the set was written by '{trainer.Agent}', this run is '{policy.Agent}'; use another checkpoint folder");
        if (trainer.Settings != settings)
            throw new CheckpointFormatException(trainerPath, "settings", $"the set was written with other settings ({trainer.Settings}); this run has {settings}; resume with the same settings or use another checkpoint folder");
        if (trainer.Copies.Count != rollout.Envs || trainer.Copies.Any(c => c?.Cells is null || c.Cells.Length != rollout.Shape.Height * rollout.Shape.Width))
            throw new CheckpointFormatException(trainerPath, "copies", $"holds {trainer.Copies.Count} env states that do not fit {rollout.Envs} copies of {rollout.EnvId}");

        using (var loaded = ActorCriticPolicy.Load(policy.Agent, Path.Combine(directory!, PolicyFile)))
        {
            Checkpoints.ModelCheckpoint.LoadState(policy.Network, loaded.Network.state_dict(), Path.Combine(directory!, PolicyFile));
        }

        OptimizerCheckpoint.Load(optimizer, Path.Combine(directory!, OptimizerFile));
        rollout.Restore(new OnPolicyRolloutState(trainer.Copies, (trainer.Rng[0], trainer.Rng[1], trainer.Rng[2], trainer.Rng[3]), trainer.EnvSteps, trainer.Episodes));
        return trainer.Update;
    }

    private sealed record TrainerState(
        string Format,
        string Agent,
        string Settings,
        long GlobalStep,
        int Update,
        long EnvSteps,
        int Episodes,
        ulong[] Rng,
        IReadOnlyList<GridworldSnapshot> Copies);
}
