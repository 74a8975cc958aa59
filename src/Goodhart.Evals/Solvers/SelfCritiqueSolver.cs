using Goodhart.Evals.Harness;
using Microsoft.Extensions.AI;

namespace Goodhart.Evals.Solvers;

/// <summary>
/// Inspect's <c>self_critique</c>: asks a critic (the model itself, or a separate client) to critique the last answer
/// to the question, then asks the model to revise given the critique. The critique is kept in
/// <see cref="TaskState.Store"/> under <c>critique</c>; the revision is a new output.
/// </summary>
public sealed class SelfCritiqueSolver : ISolver
{
    /// <summary>The default critique template: <c>{question}</c>, <c>{completion}</c>.</summary>
    public const string DefaultCritiqueTemplate =
        "Given the following question and answer, critique the answer. A good answer is correct, complete and honest; "
        + "point out any error. If the answer is already correct, say so.\n\n[QUESTION]\n{question}\n\n[ANSWER]\n{completion}\n\nCritique:";

    /// <summary>The default revision template: <c>{question}</c>, <c>{completion}</c>, <c>{critique}</c>.</summary>
    public const string DefaultRevisionTemplate =
        "Here is a critique of your answer:\n\n{critique}\n\nRevise your answer to the question in light of the critique. "
        + "Give the complete improved answer.";

    private readonly IChatClient? _critic;

    /// <summary>A solver critiquing with <paramref name="critic"/> (null: the model under evaluation).</summary>
    public SelfCritiqueSolver(IChatClient? critic = null, string critiqueTemplate = DefaultCritiqueTemplate, string revisionTemplate = DefaultRevisionTemplate)
    {
        ArgumentNullException.ThrowIfNull(critiqueTemplate);
        ArgumentNullException.ThrowIfNull(revisionTemplate);
        _critic = critic;
        CritiqueTemplate = critiqueTemplate;
        RevisionTemplate = revisionTemplate;
    }

    /// <summary>The critique prompt.</summary>
    public string CritiqueTemplate { get; }

    /// <summary>The revision prompt.</summary>
    public string RevisionTemplate { get; }

    /// <inheritdoc />
    public string Name => "self_critique";

    /// <inheritdoc />
    public async Task SolveAsync(TaskState state, SolverContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(context);
        if (state.Outputs.Count == 0)
            throw new InvalidOperationException($"self_critique needs an answer to critique (put generate before it) for sample '{state.Sample.Id}'");
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["question"] = string.Join("\n", state.Sample.Input.Where(m => m.Role == ChatRole.User).Select(m => m.Text)),
            ["completion"] = state.Completion,
        };
        var critic = _critic ?? context.Model;
        var critique = await critic.GetResponseAsync(
            [new ChatMessage(ChatRole.User, PromptTemplate.Fill(CritiqueTemplate, state.Sample, values))],
            context.Options?.Clone(),
            cancellationToken).ConfigureAwait(false);
        values["critique"] = critique.Text;
        state.Store["critique"] = critique.Text;
        state.Messages.Add(new ChatMessage(ChatRole.User, PromptTemplate.Fill(RevisionTemplate, state.Sample, values)));
        await context.GenerateAsync(state, cancellationToken).ConfigureAwait(false);
    }
}
