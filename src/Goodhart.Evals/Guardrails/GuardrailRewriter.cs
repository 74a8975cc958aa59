using Microsoft.Extensions.AI;

namespace Goodhart.Evals.Guardrails;

/// <summary>
/// Applies verdicts to messages by location: redacts spans of texts, tool results and tool-call arguments, drops
/// redacted tool calls, and (for retrieved context) withholds blocked documents. Messages without verdicts are
/// returned as they are; changed ones are shallow clones with new contents.
/// </summary>
internal static class GuardrailRewriter
{
    public static List<ChatMessage> Rewrite(IReadOnlyList<ChatMessage> messages, string prefix, IReadOnlyList<GuardrailVerdict> verdicts, bool withholdBlocked)
    {
        var result = new List<ChatMessage>(messages.Count);
        for (var i = 0; i < messages.Count; i++)
        {
            var message = messages[i];
            var contents = new List<AIContent>(message.Contents.Count);
            var changed = false;
            for (var j = 0; j < message.Contents.Count; j++)
            {
                var content = message.Contents[j];
                var location = $"{prefix}[{i}].contents[{j}]";
                var here = verdicts.Where(v => v.Location == location || v.Location.StartsWith(location + ".", StringComparison.Ordinal)).ToList();
                var rewritten = here.Count == 0 ? content : RewriteContent(content, location, here, withholdBlocked);
                changed |= !ReferenceEquals(rewritten, content);
                if (rewritten is not null)
                    contents.Add(rewritten);
            }
            if (!changed)
            {
                result.Add(message);
                continue;
            }
            var clone = message.Clone();
            clone.Contents = contents;
            result.Add(clone);
        }
        return result;
    }

    private static AIContent? RewriteContent(AIContent content, string location, List<GuardrailVerdict> here, bool withholdBlocked)
    {
        var blocked = here.Where(v => v.Action == GuardrailAction.Block).Select(v => v.RuleId).Distinct(StringComparer.Ordinal).ToList();
        var notice = $"[withheld by guardrail: {string.Join(", ", blocked)}]";
        switch (content)
        {
            case TextContent text:
                if (withholdBlocked && blocked.Count > 0)
                    return new TextContent(notice);
                return Redacted(text.Text, here) is { } t ? new TextContent(t) : content;
            case FunctionResultContent result:
                if (withholdBlocked && blocked.Count > 0)
                    return new FunctionResultContent(result.CallId, notice);
                return Redacted(GuardrailChecker.ArgumentText(result.Result), here) is { } r ? new FunctionResultContent(result.CallId, r) : content;
            case FunctionCallContent call:
                if (here.Any(v => v.Location == location + ".name" && v.Action == GuardrailAction.Redact))
                    return null;
                if (call.Arguments is null)
                    return content;
                var arguments = new Dictionary<string, object?>(call.Arguments, StringComparer.Ordinal);
                var any = false;
                foreach (var (name, value) in call.Arguments)
                {
                    var prefix = $"{location}.arguments.{name}";
                    if (Redacted(GuardrailChecker.ArgumentText(value), here.Where(v => v.Location == prefix)) is { } redacted)
                    {
                        arguments[name] = redacted;
                        any = true;
                    }
                }
                return any ? new FunctionCallContent(call.CallId, call.Name, arguments) : content;
            default:
                return content;
        }
    }

    private static string? Redacted(string text, IEnumerable<GuardrailVerdict> verdicts)
    {
        var spans = verdicts.Where(v => v.Action == GuardrailAction.Redact).SelectMany(v => v.Spans).ToList();
        return spans.Count == 0 ? null : Redactor.Redact(text, spans);
    }
}
