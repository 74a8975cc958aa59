using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.AI;

namespace Goodhart.Evals.Guardrails;

/// <summary>Streaming: input rails before the stream; output rails buffered, or incremental on a sliding window.</summary>
public sealed partial class GuardrailsChatClient
{
    /// <inheritdoc />
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages,
        ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var activity = StartActivity();
        var verdicts = new List<GuardrailVerdict>();
        var request = await GuardRequestAsync(messages, verdicts, activity, cancellationToken).ConfigureAwait(false);
        if (request is null)
        {
            foreach (var update in Blocked(GuardrailRail.Input, verdicts, activity).ToChatResponseUpdates())
                yield return update;
            yield break;
        }
        if (Policy.Streaming == GuardrailStreamingMode.Buffer)
        {
            var buffered = await InnerClient.GetStreamingResponseAsync(request, options, cancellationToken).ToChatResponseAsync(cancellationToken).ConfigureAwait(false);
            var checkedResponse = await GuardResponseAsync(request, buffered, options, verdicts, activity, cancellationToken).ConfigureAwait(false);
            foreach (var update in checkedResponse.ToChatResponseUpdates())
                yield return update;
            yield break;
        }

        // Incremental: each update is re-checked together with the last StreamWindow characters before it, so a match
        // split across updates is still seen; only blocking rules act mid-stream (text already sent cannot be redacted).
        var text = new StringBuilder();
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in InnerClient.GetStreamingResponseAsync(request, options, cancellationToken).ConfigureAwait(false))
        {
            updates.Add(update);
            var chunk = update.Text;
            if (chunk.Length > 0)
            {
                var windowStart = Math.Max(0, text.Length - Policy.StreamWindow);
                text.Append(chunk);
                var window = text.ToString(windowStart, text.Length - windowStart);
                var blocking = _checker.Check(GuardrailRail.Output, window, "stream")
                    .Where(v => v.Action is GuardrailAction.Block or GuardrailAction.Reask)
                    .Select(v => v with
                    {
                        Action = GuardrailAction.Block,
                        Spans = [.. v.Spans.Select(s => s with { Start = s.Start + windowStart })],
                    })
                    .ToList();
                if (blocking.Count > 0)
                {
                    Record(blocking, verdicts, activity);
                    foreach (var stop in StopUpdates(verdicts, activity))
                        yield return stop;
                    yield break;
                }
            }
            yield return update;
        }

        // The whole response once more (tool calls, classifier, rules whose matches exceed the window); what was sent is
        // sent, so findings that would redact or re-ask are recorded as log-only, and a block ends the stream with a stop.
        var whole = updates.ToChatResponse();
        var found = await CheckResponseAsync(request, whole, cancellationToken).ConfigureAwait(false);
        var blocked = found.Any(v => v.Action is GuardrailAction.Block or GuardrailAction.Reask);
        Record(found.Select(v => v.Action is GuardrailAction.Redact || (v.Action is GuardrailAction.Reask && !blocked)
            ? v with { Action = GuardrailAction.LogOnly, Reason = v.Reason + " (incremental stream: already sent)" }
            : v.Action is GuardrailAction.Reask ? v with { Action = GuardrailAction.Block } : v), verdicts, activity);
        if (blocked)
        {
            foreach (var stop in StopUpdates(verdicts, activity))
                yield return stop;
            yield break;
        }
        var summary = WithVerdicts(new ChatResponse(), verdicts, blocked: false, activity);
        yield return new ChatResponseUpdate { AdditionalProperties = summary.AdditionalProperties };
    }

    /// <summary>The updates that end a blocked stream: the refusal (or the violation exception) with the verdicts.</summary>
    private IEnumerable<ChatResponseUpdate> StopUpdates(List<GuardrailVerdict> verdicts, System.Diagnostics.Activity? activity)
    {
        var blocked = Blocked(GuardrailRail.Output, verdicts, activity);
        var stop = new ChatResponseUpdate(ChatRole.Assistant, "\n" + Policy.RefusalMessage)
        {
            FinishReason = ChatFinishReason.ContentFilter,
            AdditionalProperties = blocked.AdditionalProperties,
        };
        return [stop];
    }
}
