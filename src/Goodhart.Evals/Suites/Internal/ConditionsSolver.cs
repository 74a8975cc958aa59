using System.Globalization;
using Goodhart.Evals.Harness;
using Microsoft.Extensions.AI;

namespace Goodhart.Evals.Suites.Internal;

/// <summary>
/// Runs each condition of a paired sample (<see cref="Conditions"/>) as its own one-turn conversation: the first on the
/// task state's messages (so the log shows it), the others on fresh message lists; every answer goes to
/// <see cref="TaskState.Outputs"/> in order and its index to the store under <c>output.NAME</c>.
/// </summary>
internal sealed class ConditionsSolver : ISolver
{
    /// <inheritdoc />
    public string Name => "generate_conditions";

    /// <inheritdoc />
    public async Task SolveAsync(TaskState state, SolverContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(context);
        var names = Conditions.Names(state.Sample);
        for (var i = 0; i < names.Count; i++)
        {
            if (i == 0)
            {
                await context.GenerateAsync(state, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                List<ChatMessage> messages = [new(ChatRole.User, Conditions.Prompt(state.Sample, names[i]))];
                var response = await context.SendAsync(state, messages, cancellationToken)
                    .ConfigureAwait(false);
                state.Outputs.Add(response);
            }
            state.Store[Conditions.OutputPrefix + names[i]] = (state.Outputs.Count - 1).ToString(CultureInfo.InvariantCulture);
        }
    }
}
