using System.Diagnostics;
using Microsoft.Extensions.AI;

namespace Goodhart.Evals.Guardrails;

/// <summary>
/// Middleware that puts a <see cref="GuardrailPolicy"/> around any <see cref="IChatClient"/>: input and
/// retrieved-context rails before the call, output and tool-call rails after it, an optional model classifier, and the
/// rules' actions (block, redact, re-ask, log-only). Every verdict is recorded on the response's
/// <see cref="ChatResponse.AdditionalProperties"/> under <see cref="VerdictsKey"/>, on the
/// <see cref="GuardrailTelemetry"/> activity, and through <see cref="VerdictRecorded"/>. Compose with
/// <see cref="GuardrailsChatClientBuilderExtensions.UseGuardrails(ChatClientBuilder, GuardrailPolicy, IChatClient?, Action{GuardrailsChatClient}?)"/>,
/// inside <c>UseFunctionInvocation</c> so tool calls are checked before they run.
/// </summary>
public sealed partial class GuardrailsChatClient : DelegatingChatClient
{
    /// <summary>The additional-properties key of the verdicts (an <c>IReadOnlyList&lt;GuardrailVerdict&gt;</c>).</summary>
    public const string VerdictsKey = "goodhart.guardrails.verdicts";

    /// <summary>The additional-properties key set to true on a blocked response.</summary>
    public const string BlockedKey = "goodhart.guardrails.blocked";

    /// <summary>The message additional-properties key that marks retrieved context.</summary>
    public const string SourceKey = "goodhart.source";

    /// <summary>The <see cref="SourceKey"/> value of a retrieved document.</summary>
    public const string RetrievalSource = "retrieval";

    private static readonly ClassifierSettings DefaultClassifierSettings = new();

    private readonly GuardrailChecker _checker;

    /// <summary>Guards <paramref name="innerClient"/> with <paramref name="policy"/>, using <paramref name="classifier"/> where the policy asks for one.</summary>
    public GuardrailsChatClient(IChatClient innerClient, GuardrailPolicy policy, IGuardrailClassifier? classifier = null)
        : base(innerClient)
    {
        ArgumentNullException.ThrowIfNull(policy);
        Policy = policy;
        Classifier = classifier;
        _checker = new GuardrailChecker(policy);
    }

    /// <summary>The policy.</summary>
    public GuardrailPolicy Policy { get; }

    /// <summary>The model classifier, if any.</summary>
    public IGuardrailClassifier? Classifier { get; }

    /// <summary>Called with each verdict as it is recorded (an event hook that needs no logger).</summary>
    public Action<GuardrailVerdict>? VerdictRecorded { get; set; }

    /// <summary>True when <paramref name="message"/> is retrieved context: marked with <see cref="SourceKey"/> = <see cref="RetrievalSource"/>.</summary>
    public static bool IsRetrieved(ChatMessage message) => IsRetrieval(message?.AdditionalProperties);

    /// <summary>True when one content of a message (e.g. a document pasted into a user turn) is marked as retrieved context.</summary>
    public static bool IsRetrieved(AIContent content) => IsRetrieval(content?.AdditionalProperties);

    private static bool IsRetrieval(AdditionalPropertiesDictionary? properties) =>
        properties?.TryGetValue(SourceKey, out var source) == true
        && string.Equals(source?.ToString(), RetrievalSource, StringComparison.OrdinalIgnoreCase);

    /// <summary>The verdicts recorded on <paramref name="response"/> (empty when none).</summary>
    public static IReadOnlyList<GuardrailVerdict> VerdictsOf(ChatResponse response) =>
        response?.AdditionalProperties?.TryGetValue(VerdictsKey, out var v) == true && v is IReadOnlyList<GuardrailVerdict> list ? list : [];

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        using var activity = StartActivity();
        var verdicts = new List<GuardrailVerdict>();
        var request = await GuardRequestAsync(messages, verdicts, activity, cancellationToken).ConfigureAwait(false);
        if (request is null)
            return Blocked(GuardrailRail.Input, verdicts, activity);
        var response = await InnerClient.GetResponseAsync(request, options, cancellationToken).ConfigureAwait(false);
        return await GuardResponseAsync(request, response, options, verdicts, activity, cancellationToken).ConfigureAwait(false);
    }

    private Activity? StartActivity() => GuardrailTelemetry.Source.StartActivity("guardrails.chat")?.SetTag("goodhart.guardrails.policy", Policy.Name);

    /// <summary>Input and retrieved-context rails; the rewritten request, or null when the input is blocked.</summary>
    private async Task<List<ChatMessage>?> GuardRequestAsync(IEnumerable<ChatMessage> messages, List<GuardrailVerdict> verdicts, Activity? activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var list = messages.ToList();
        var found = new List<GuardrailVerdict>();
        for (var i = 0; i < list.Count; i++)
        {
            var message = list[i];
            var retrieved = IsRetrieved(message);
            for (var j = 0; j < message.Contents.Count; j++)
            {
                var location = $"messages[{i}].contents[{j}]";
                switch (message.Contents[j])
                {
                    case TextContent text when retrieved || IsRetrieved(text):
                        found.AddRange(_checker.Check(GuardrailRail.RetrievedContext, text.Text, location));
                        break;
                    case TextContent text when message.Role == ChatRole.User:
                        found.AddRange(_checker.Check(GuardrailRail.Input, text.Text, location));
                        break;
                    case FunctionResultContent result:
                        found.AddRange(_checker.Check(GuardrailRail.RetrievedContext, GuardrailChecker.ArgumentText(result.Result), location));
                        break;
                }
            }
        }
        Record(found, verdicts, activity);
        if (found.Any(v => v.Rail == GuardrailRail.Input && v.Action == GuardrailAction.Block))
            return null;
        var request = GuardrailRewriter.Rewrite(list, "messages", found, withholdBlocked: true);
        var classified = await ClassifyAsync(request, GuardrailRail.Input, cancellationToken).ConfigureAwait(false);
        Record(classified, verdicts, activity);
        return classified.Any(v => v.Action == GuardrailAction.Block) ? null : request;
    }

    /// <summary>Output and tool-call rails with the re-ask loop; the response to return.</summary>
    private async Task<ChatResponse> GuardResponseAsync(List<ChatMessage> request, ChatResponse response, ChatOptions? options,
        List<GuardrailVerdict> verdicts, Activity? activity, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var found = await CheckResponseAsync(request, response, cancellationToken).ConfigureAwait(false);
            var strongest = GuardrailChecker.Strongest(found);
            if (strongest == GuardrailAction.Reask && attempt < Policy.Reask.MaxAttempts)
            {
                Record(found, verdicts, activity);
                var reasons = string.Join("; ", found.Where(v => v.Action == GuardrailAction.Reask).Select(v => v.Reason).Distinct(StringComparer.Ordinal));
                List<ChatMessage> again = [.. request, .. response.Messages, new ChatMessage(ChatRole.User, Policy.Reask.Instruction.Replace("{reasons}", reasons, StringComparison.Ordinal))];
                response = await InnerClient.GetResponseAsync(again, options, cancellationToken).ConfigureAwait(false);
                continue;
            }
            if (strongest == GuardrailAction.Reask)
            {
                found = [.. found.Select(v => v.Action == GuardrailAction.Reask
                    ? v with { Action = GuardrailAction.Block, Reason = $"{v.Reason} (re-ask attempts exhausted after {Policy.Reask.MaxAttempts})" }
                    : v)];
                strongest = GuardrailAction.Block;
            }
            Record(found, verdicts, activity);
            if (strongest == GuardrailAction.Block)
                return Blocked(found.Any(v => v.Rail == GuardrailRail.ToolCall && v.Action == GuardrailAction.Block) ? GuardrailRail.ToolCall : GuardrailRail.Output, verdicts, activity);
            var messages = GuardrailRewriter.Rewrite(response.Messages is IReadOnlyList<ChatMessage> l ? l : [.. response.Messages], "response.messages", found, withholdBlocked: false);
            return WithVerdicts(CopyWith(response, messages), verdicts, blocked: false, activity);
        }
    }

    /// <summary>Output rails on the assistant's text, tool-call rails on its calls, then the classifier.</summary>
    private async Task<List<GuardrailVerdict>> CheckResponseAsync(List<ChatMessage> request, ChatResponse response, CancellationToken cancellationToken)
    {
        var found = new List<GuardrailVerdict>();
        for (var i = 0; i < response.Messages.Count; i++)
        {
            var message = response.Messages[i];
            for (var j = 0; j < message.Contents.Count; j++)
            {
                var location = $"response.messages[{i}].contents[{j}]";
                switch (message.Contents[j])
                {
                    case TextContent text:
                        found.AddRange(_checker.Check(GuardrailRail.Output, text.Text, location));
                        break;
                    case FunctionCallContent call:
                        found.AddRange(_checker.CheckToolCall(call, location));
                        break;
                }
            }
        }
        if (found.All(v => v.Action != GuardrailAction.Block))
            found.AddRange(await ClassifyAsync([.. request, .. response.Messages], GuardrailRail.Output, cancellationToken).ConfigureAwait(false));
        return found;
    }

    /// <summary>The classifier's verdicts on <paramref name="rail"/>; errors and timeouts follow the fail mode.</summary>
    private async Task<List<GuardrailVerdict>> ClassifyAsync(List<ChatMessage> conversation, GuardrailRail rail, CancellationToken cancellationToken)
    {
        // A classifier given without a classifier section runs with the defaults (input and output, block, 30 s).
        var settings = Policy.Classifier ?? DefaultClassifierSettings;
        if (Classifier is null || !settings.Rails.Contains(rail))
            return [];
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(settings.TimeoutSeconds));
        ClassifierVerdict verdict;
        try
        {
            verdict = await Classifier.ClassifyAsync(conversation, rail, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return [ClassifierError(rail, $"classifier timed out after {settings.TimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)} s")];
        }
        catch (ClassifierOutputException e)
        {
            return [ClassifierError(rail, $"classifier answer unparseable: {e.Message}")];
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The exception's type only: provider messages can echo request details.
            return [ClassifierError(rail, $"classifier failed: {e.GetType().Name}")];
        }
        if (verdict.IsSafe)
            return [];
        var names = settings.Categories ?? HazardTaxonomy.LlamaGuard3;
        var described = verdict.Categories.Select(c => names.TryGetValue(c, out var n) ? $"{c} {n}" : c).ToList();
        var action = settings.Action == GuardrailAction.Redact ? GuardrailAction.Block : GuardrailChecker.EffectiveAction(settings.Action, rail);
        return
        [
            new GuardrailVerdict(rail, "classifier", "classifier", verdict.Categories.Count == 0 ? null : string.Join(",", verdict.Categories),
                settings.Severity, described.Count == 0 ? "classifier: unsafe" : $"classifier: unsafe ({string.Join(", ", described)})", action, [])
            {
                Location = rail == GuardrailRail.Output ? "response" : "messages",
            },
        ];
    }

    private GuardrailVerdict ClassifierError(GuardrailRail rail, string reason)
    {
        var closed = Policy.FailMode == GuardrailFailMode.Closed;
        return new GuardrailVerdict(rail, "classifier", "classifier", "classifier_error", GuardrailSeverity.High,
            $"{reason} (fail-{(closed ? "closed" : "open")})", closed ? GuardrailAction.Block : GuardrailAction.LogOnly, [])
        {
            Location = rail == GuardrailRail.Output ? "response" : "messages",
            IsClassifierError = true,
        };
    }

    private void Record(IEnumerable<GuardrailVerdict> found, List<GuardrailVerdict> verdicts, Activity? activity)
    {
        foreach (var verdict in found)
        {
            verdicts.Add(verdict);
            GuardrailTelemetry.AddVerdict(activity, verdict);
            VerdictRecorded?.Invoke(verdict);
        }
    }

    private ChatResponse Blocked(GuardrailRail rail, List<GuardrailVerdict> verdicts, Activity? activity)
    {
        activity?.SetTag("goodhart.guardrails.blocked", true);
        if (Policy.OnBlock == GuardrailBlockBehaviour.Throw)
            throw new GuardrailViolationException(rail, [.. verdicts]);
        var response = new ChatResponse(new ChatMessage(ChatRole.Assistant, Policy.RefusalMessage)) { FinishReason = ChatFinishReason.ContentFilter };
        return WithVerdicts(response, verdicts, blocked: true, activity);
    }

    private static ChatResponse WithVerdicts(ChatResponse response, List<GuardrailVerdict> verdicts, bool blocked, Activity? activity)
    {
        activity?.SetTag("goodhart.guardrails.verdicts", verdicts.Count);
        response.AdditionalProperties ??= [];
        response.AdditionalProperties[VerdictsKey] = verdicts.ToArray();
        response.AdditionalProperties[BlockedKey] = blocked;
        return response;
    }

    private static ChatResponse CopyWith(ChatResponse response, List<ChatMessage> messages) => new(messages)
    {
        ResponseId = response.ResponseId,
        ConversationId = response.ConversationId,
        ModelId = response.ModelId,
        CreatedAt = response.CreatedAt,
        FinishReason = response.FinishReason,
        Usage = response.Usage,
        RawRepresentation = response.RawRepresentation,
        AdditionalProperties = response.AdditionalProperties?.Clone(),
    };
}
