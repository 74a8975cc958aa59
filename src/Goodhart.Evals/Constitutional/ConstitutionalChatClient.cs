using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Goodhart.Evals.Constitutional;

/// <summary>
/// Constitutional AI's supervised stage as middleware (Bai et al. 2022): the inner model answers, then for each round
/// a principle is sampled (seeded by the options' seed and the conversation) and the model is asked to critique its
/// answer against it and then to revise it. The response carries the final revision; the
/// <see cref="ConstitutionalTrace"/> is on <see cref="ChatResponse.AdditionalProperties"/> under <see cref="TraceKey"/>.
/// Streaming runs the whole loop and then replays the final response.
/// </summary>
public sealed class ConstitutionalChatClient : DelegatingChatClient
{
    /// <summary>The additional-properties key of the <see cref="ConstitutionalTrace"/>.</summary>
    public const string TraceKey = "goodhart.constitution.trace";

    /// <summary>A client critiquing and revising <paramref name="innerClient"/>'s answers against <paramref name="constitution"/>.</summary>
    public ConstitutionalChatClient(IChatClient innerClient, Constitution constitution, ConstitutionalOptions? options = null)
        : base(innerClient)
    {
        ArgumentNullException.ThrowIfNull(constitution);
        Constitution = constitution;
        Options = options ?? new ConstitutionalOptions();
        if (Options.Rounds < 0)
            throw new ArgumentOutOfRangeException(nameof(options), Options.Rounds, "rounds must not be negative");
    }

    /// <summary>The constitution.</summary>
    public Constitution Constitution { get; }

    /// <summary>The options.</summary>
    public ConstitutionalOptions Options { get; }

    /// <summary>The trace recorded on <paramref name="response"/>, or null.</summary>
    public static ConstitutionalTrace? TraceOf(ChatResponse response) =>
        response?.AdditionalProperties?.TryGetValue(TraceKey, out var t) == true ? t as ConstitutionalTrace : null;

    /// <summary>The principles the rounds for <paramref name="messages"/> use, in order (deterministic for a seed and conversation).</summary>
    public IReadOnlyList<ConstitutionalPrinciple> SamplePrinciples(IReadOnlyList<ChatMessage> messages, out int seed)
    {
        ArgumentNullException.ThrowIfNull(messages);
        seed = StableSeed.Derive(Options.Seed, messages.Select(m => $"{m.Role}:{m.Text}"));
        var rng = new Random(seed);
        var pool = new List<ConstitutionalPrinciple>();
        var chosen = new List<ConstitutionalPrinciple>(Options.Rounds);
        for (var r = 0; r < Options.Rounds; r++)
        {
            if (!Options.DistinctPrinciples)
            {
                chosen.Add(Constitution.Principles[rng.Next(Constitution.Principles.Count)]);
                continue;
            }
            if (pool.Count == 0)
                pool.AddRange(Constitution.Principles);
            var i = rng.Next(pool.Count);
            chosen.Add(pool[i]);
            pool.RemoveAt(i);
        }
        return chosen;
    }

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var conversation = messages.ToList();
        var first = await InnerClient.GetResponseAsync(conversation, options, cancellationToken).ConfigureAwait(false);
        var principles = SamplePrinciples(conversation, out var seed);
        var current = first.Text;
        var last = first;
        var rounds = new List<ConstitutionalRound>(principles.Count);
        for (var r = 0; r < principles.Count; r++)
        {
            var principle = principles[r];
            List<ChatMessage> critiqueTurns = [.. conversation, new(ChatRole.Assistant, current), new(ChatRole.User, principle.Critique)];
            var critique = (await InnerClient.GetResponseAsync(critiqueTurns, options?.Clone(), cancellationToken).ConfigureAwait(false)).Text;
            List<ChatMessage> revisionTurns = [.. critiqueTurns, new(ChatRole.Assistant, critique), new(ChatRole.User, principle.Revision)];
            last = await InnerClient.GetResponseAsync(revisionTurns, options?.Clone(), cancellationToken).ConfigureAwait(false);
            rounds.Add(new ConstitutionalRound(r + 1, principle.Id, principle.Critique, critique, principle.Revision, last.Text));
            current = last.Text;
        }
        var trace = new ConstitutionalTrace(Constitution.Name, seed, first.Text, rounds);
        var response = new ChatResponse(new ChatMessage(ChatRole.Assistant, trace.FinalResponse))
        {
            ModelId = last.ModelId ?? first.ModelId,
            FinishReason = last.FinishReason,
            CreatedAt = last.CreatedAt,
            ResponseId = last.ResponseId,
            AdditionalProperties = first.AdditionalProperties?.Clone() ?? [],
        };
        response.AdditionalProperties[TraceKey] = trace;
        response.AdditionalProperties["goodhart.constitution.principles"] = string.Join(",", rounds.Select(x => x.PrincipleId));
        return response;
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        foreach (var update in response.ToChatResponseUpdates())
            yield return update;
    }
}
