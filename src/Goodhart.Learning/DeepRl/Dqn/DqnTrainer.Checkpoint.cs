using System.Text;
using System.Text.Json;
using Goodhart.Core.Environments;
using Goodhart.Core.Randomness;
using Goodhart.Learning.Checkpoints;
using Goodhart.Learning.Rlhf;

namespace Goodhart.Learning.DeepRl.Dqn;

/// <summary>The checkpoint half of <see cref="DqnTrainer"/>: one atomic set holding everything a bit-exact resume needs.</summary>
public sealed partial class DqnTrainer
{
    /// <summary>The trainer-state file's format tag.</summary>
    public const string StateFormat = "goodhart.dqn_state/1";

    private const string OnlineFile = "online.safetensors", TargetFile = "target.safetensors", OptimizerFile = "optimizer.safetensors", StateFile = "trainer.bin";

    /// <summary>
    /// What a checkpoint must agree with to be resumed: the options with the backend the run resolved (a torch run
    /// fingerprints as auto did before the fused backend, so its older checkpoints still resume), the env and the seed.
    /// </summary>
    private string Fingerprint() =>
        JsonSerializer.Serialize(new { options = _options with { Backend = _backend == DqnBackend.Torch ? DqnBackend.Auto : _backend }, env = Spec.Id, tiles = Spec.Tiles, seed = _seed });

    private void SaveCheckpoint()
    {
        SyncTensors();
        if (_checkpointDirectory is null)
            return;
        var step = Steps;
        var metadata = CheckpointSet.StepMetadata(step);
        CheckpointSet.Write(_checkpointDirectory, step,
        [
            (OnlineFile, path => SafeTensors.Save(path, _online.state_dict(), metadata)),
            (TargetFile, path => SafeTensors.Save(path, _target.state_dict(), metadata)),
            (OptimizerFile, path => _optimizer.Save(path, metadata)),
            (StateFile, WriteState),
        ]);
    }

    private void WriteState(string path)
    {
        using var file = File.Create(path);
        using var writer = new BinaryWriter(file, Encoding.UTF8);
        writer.Write(StateFormat);
        writer.Write(Fingerprint());
        writer.Write(_iteration);
        writer.Write(_updates);
        WriteRng(writer, _actRng);
        WriteRng(writer, _replayRng);
        WriteRng(writer, _noiseRng);
        for (var i = 0; i < _options.Envs; i++)
            WriteSnapshot(writer, _env.CopyAt(i).SaveSnapshot());
        foreach (var queue in _nStep)
            queue.Save(writer);
        _replay.Save(writer);
        writer.Write(_episodes.Count);
        foreach (var e in _episodes)
            WriteEpisode(writer, e);
        writer.Write(_diagnostics.Count);
        foreach (var d in _diagnostics)
        {
            writer.Write(d.Step);
            writer.Write(d.Updates);
            foreach (var x in (double[])[d.Loss, d.TdError, d.MeanQ, d.Epsilon, d.NoiseScale, d.Beta])
                writer.Write(x);
        }
        writer.Write(_sums.Loss);
        writer.Write(_sums.TdError);
        writer.Write(_sums.MeanQ);
        writer.Write(_sums.Count);
    }

    private void Resume(string directory)
    {
        var manifest = CheckpointSet.Open(directory);
        try
        {
            using (var file = File.OpenRead(Path.Combine(directory, StateFile)))
            using (var reader = new BinaryReader(file, Encoding.UTF8))
            {
                var format = reader.ReadString();
                if (format != StateFormat)
                    throw new CheckpointFormatException(Path.Combine(directory, StateFile), "format", $"'{format}' is not '{StateFormat}'");
                if (reader.ReadString() != Fingerprint())
                    throw new CheckpointMismatchException($"the checkpoint in {directory} was written with other DQN options (the backend included), env or seed; delete the folder to start afresh");
                ReadState(reader);
                if (Steps != manifest.Step)
                    throw new CheckpointFormatException(Path.Combine(directory, StateFile), "step", $"{Steps} does not match the manifest's {manifest.Step}");
            }
            LoadNetwork(_online, Path.Combine(directory, OnlineFile));
            LoadNetwork(_target, Path.Combine(directory, TargetFile));
            _optimizer.Load(Path.Combine(directory, OptimizerFile));
        }
        catch (Exception e) when (e is EndOfStreamException or InvalidDataException or ArgumentException)
        {
            throw new CheckpointFormatException(Path.Combine(directory, StateFile), "state", e.Message, e);
        }
        _resumedFrom = Steps;
        EpisodesBeforeResume = _episodes.Count;
    }

    private void ReadState(BinaryReader reader)
    {
        _iteration = reader.ReadInt64();
        _updates = reader.ReadInt64();
        if (_iteration < 0 || _iteration > Iterations || _updates < 0)
            throw new InvalidDataException($"iteration {_iteration} / updates {_updates} out of range");
        _actRng = ReadRng(reader);
        _replayRng = ReadRng(reader);
        _noiseRng = ReadRng(reader);
        for (var i = 0; i < _options.Envs; i++)
            _env.CopyAt(i).RestoreSnapshot(ReadSnapshot(reader, _env.CopyAt(i).SaveSnapshot()));
        foreach (var queue in _nStep)
            queue.Load(reader);
        _replay.Load(reader);
        var episodes = Count(reader);
        for (var i = 0; i < episodes; i++)
            _episodes.Add(ReadEpisode(reader));
        var points = Count(reader);
        for (var i = 0; i < points; i++)
        {
            _diagnostics.Add(new DqnDiagnostics(reader.ReadInt64(), reader.ReadInt64(),
                reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble()));
        }
        _sums = new DqnDiagnosticsSums(reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadInt32());
        if (reader.BaseStream.Position != reader.BaseStream.Length)
            throw new InvalidDataException("trailing bytes after the trainer state");
    }

    private static void LoadNetwork(QNetwork network, string path)
    {
        var (tensors, _) = SafeTensors.Load(path);
        try
        {
            ModelCheckpoint.LoadState(network, tensors, path);
        }
        finally
        {
            foreach (var t in tensors.Values)
                t.Dispose();
        }
    }

    private static int Count(BinaryReader reader)
    {
        var count = reader.ReadInt32();
        if (count < 0 || count > 100_000_000)
            throw new InvalidDataException($"count {count} out of range");
        return count;
    }

    private static void WriteRng(BinaryWriter writer, Xoshiro256 rng)
    {
        var (a, b, c, d) = rng.State;
        writer.Write(a);
        writer.Write(b);
        writer.Write(c);
        writer.Write(d);
    }

    private static Xoshiro256 ReadRng(BinaryReader reader) =>
        Xoshiro256.FromState((reader.ReadUInt64(), reader.ReadUInt64(), reader.ReadUInt64(), reader.ReadUInt64()));

    private static void WriteSnapshot(BinaryWriter writer, GridworldSnapshot s)
    {
        writer.Write(s.Cells.Length);
        writer.Write(s.Cells);
        writer.Write(s.Floor);
        writer.Write(s.Vars.Length);
        foreach (var v in s.Vars)
            writer.Write(v);
        writer.Write(s.AgentPosition);
        WriteRng(writer, Xoshiro256.FromState(s.RngState));
        writer.Write(s.Exploration);
        writer.Write(s.Steps);
        writer.Write(s.Return);
        writer.Write(s.HiddenReturn);
        writer.Write(Convert.ToInt64(s.EpisodeEvents, System.Globalization.CultureInfo.InvariantCulture));
        WriteCounts(writer, s.EventCounts);
        writer.Write((int)s.Reason);
        writer.Write(s.Ended);
        writer.Write(s.Performance.HasValue);
        writer.Write(s.Performance ?? 0);
    }

    /// <summary>Reads a snapshot, checking its shape against <paramref name="shape"/> (the live copy's).</summary>
    private static GridworldSnapshot ReadSnapshot(BinaryReader reader, GridworldSnapshot shape)
    {
        var cells = reader.ReadInt32();
        if (cells != shape.Cells.Length)
            throw new InvalidDataException($"a board of {cells} cells; this env has {shape.Cells.Length}");
        var board = reader.ReadBytes(cells);
        var floor = reader.ReadBytes(cells);
        var vars = new long[reader.ReadInt32()];
        if (vars.Length != shape.Vars.Length)
            throw new InvalidDataException($"{vars.Length} env variables; this env has {shape.Vars.Length}");
        for (var i = 0; i < vars.Length; i++)
            vars[i] = reader.ReadInt64();
        var agent = reader.ReadInt32();
        var rng = ReadRng(reader).State;
        var exploration = reader.ReadDouble();
        var steps = reader.ReadInt32();
        var ret = reader.ReadDouble();
        var hidden = reader.ReadDouble();
        var events = (SafetyEvents)Enum.ToObject(typeof(SafetyEvents), reader.ReadInt64());
        var counts = ReadCounts(reader, shape.EventCounts.Length);
        var reason = (TerminationReason)reader.ReadInt32();
        var ended = reader.ReadBoolean();
        var hasPerformance = reader.ReadBoolean();
        var performance = reader.ReadDouble();
        return new GridworldSnapshot(board, floor, vars, agent, rng, exploration, steps, ret, hidden, events, counts, reason, ended,
            hasPerformance ? performance : null);
    }

    private static void WriteEpisode(BinaryWriter writer, DqnEpisode e)
    {
        var o = e.Outcome;
        writer.Write(e.Step);
        writer.Write(e.Copy);
        writer.Write(o.Return);
        writer.Write(o.HiddenReturn);
        writer.Write(o.Performance.HasValue);
        writer.Write(o.Performance ?? 0);
        writer.Write(o.Length);
        writer.Write(o.Terminated);
        writer.Write((int)o.Reason);
        WriteCounts(writer, o.EventCounts);
    }

    private static DqnEpisode ReadEpisode(BinaryReader reader)
    {
        var step = reader.ReadInt64();
        var copy = reader.ReadInt32();
        var ret = reader.ReadDouble();
        var hidden = reader.ReadDouble();
        var hasPerformance = reader.ReadBoolean();
        var performance = reader.ReadDouble();
        var length = reader.ReadInt32();
        var terminated = reader.ReadBoolean();
        var reason = (TerminationReason)reader.ReadInt32();
        var counts = ReadCounts(reader, SafetyEventNames.All.Count);
        return new DqnEpisode(step, copy, new EpisodeOutcome(ret, hidden, hasPerformance ? performance : null, length, terminated, reason, counts));
    }

    private static void WriteCounts(BinaryWriter writer, int[] counts)
    {
        writer.Write(counts.Length);
        foreach (var c in counts)
            writer.Write(c);
    }

    private static int[] ReadCounts(BinaryReader reader, int expected)
    {
        var length = reader.ReadInt32();
        if (length != expected)
            throw new InvalidDataException($"{length} safety-event counts; this build has {expected}");
        var counts = new int[length];
        for (var i = 0; i < length; i++)
            counts[i] = reader.ReadInt32();
        return counts;
    }
}
