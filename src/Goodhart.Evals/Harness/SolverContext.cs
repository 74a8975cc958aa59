using System.Text;
using Goodhart.Core.Randomness;
using Microsoft.Extensions.AI;

namespace Goodhart.Evals.Harness;

/// <summary>
/// What a solver may use: the model under evaluation (already wrapped by the runner with timeout, retries and the
/// response cache) and the generation options of the run.
/// </summary>
public sealed class SolverContext
{
    /// <summary>
    /// A context over <paramref name="model"/> with <paramref name="options"/>; with <paramref name="samplingSeed"/>,
    /// calls that carry no seed and no temperature of 0 are sent <see cref="CallSeed"/>.
    /// </summary>
    public SolverContext(IChatClient model, ChatOptions? options = null, ulong? samplingSeed = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        Model = model;
        Options = options;
        SamplingSeed = samplingSeed;
    }

    /// <summary>Root of the per-call sampling seeds; null sends none.</summary>
    public ulong? SamplingSeed { get; }

    /// <summary>
    /// The seed of call number <paramref name="call"/> (0-based, the outputs so far) of sample <paramref name="sampleId"/>
    /// in epoch <paramref name="epoch"/>: a non-negative 63-bit value, stable across processes and machines.
    /// </summary>
    public static long CallSeed(ulong samplingSeed, string sampleId, int epoch, int call)
    {
        ArgumentNullException.ThrowIfNull(sampleId);
        var id = System.IO.Hashing.XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(sampleId));
        var seed = Xoshiro256.Derive(Xoshiro256.Derive(Xoshiro256.Derive(samplingSeed, id), (ulong)epoch), (ulong)call);
        return (long)(seed >> 1);
    }

    /// <summary>The model under evaluation.</summary>
    public IChatClient Model { get; }

    /// <summary>Generation options (temperature, max tokens, seed); null leaves the model's defaults.</summary>
    public ChatOptions? Options { get; }

    /// <summary>Inspect's <c>generate</c>: sends the conversation, appends the answer to it and to <see cref="TaskState.Outputs"/>.</summary>
    public async Task<ChatResponse> GenerateAsync(TaskState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        var response = await Model.GetResponseAsync(state.Messages, OptionsFor(state), cancellationToken).ConfigureAwait(false);
        state.Messages.AddMessages(response);
        state.Outputs.Add(response);
        return response;
    }

    /// <summary>
    /// Sends <paramref name="messages"/> (a side conversation, e.g. another condition of the same item) with the
    /// options a call of <paramref name="state"/> gets now; appends nothing to the state.
    /// </summary>
    public Task<ChatResponse> SendAsync(TaskState state, IEnumerable<ChatMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        return Model.GetResponseAsync(messages, OptionsFor(state), cancellationToken);
    }

    /// <summary>The options of the next call of <paramref name="state"/>: a copy, with the call's seed where one is due.</summary>
    private ChatOptions? OptionsFor(TaskState state)
    {
        var options = Options?.Clone();
        if (SamplingSeed is { } root && options?.Seed is null && options?.Temperature is not 0f)
        {
            options ??= new ChatOptions();
            options.Seed = CallSeed(root, state.Sample.Id, state.Epoch, state.Outputs.Count);
        }

        return options;
    }
}
