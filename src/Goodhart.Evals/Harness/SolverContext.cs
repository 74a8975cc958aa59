using Microsoft.Extensions.AI;

namespace Goodhart.Evals.Harness;

/// <summary>
/// What a solver may use: the model under evaluation (already wrapped by the runner with timeout, retries and the
/// response cache) and the generation options of the run.
/// </summary>
public sealed class SolverContext
{
    /// <summary>A context over <paramref name="model"/> with <paramref name="options"/>.</summary>
    public SolverContext(IChatClient model, ChatOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        Model = model;
        Options = options;
    }

    /// <summary>The model under evaluation.</summary>
    public IChatClient Model { get; }

    /// <summary>Generation options (temperature, max tokens, seed); null leaves the model's defaults.</summary>
    public ChatOptions? Options { get; }

    /// <summary>Inspect's <c>generate</c>: sends the conversation, appends the answer to it and to <see cref="TaskState.Outputs"/>.</summary>
    public async Task<ChatResponse> GenerateAsync(TaskState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        var response = await Model.GetResponseAsync(state.Messages, Options?.Clone(), cancellationToken).ConfigureAwait(false);
        state.Messages.AddMessages(response);
        state.Outputs.Add(response);
        return response;
    }
}
