using System.Text;

namespace Goodhart.Evals.Guardrails;

/// <summary>Replaces spans of a text with <c>[REDACTED:type]</c>; overlapping spans merge (the first one's type names the merge).</summary>
public static class Redactor
{
    /// <summary>The text with every span replaced.</summary>
    public static string Redact(string text, IEnumerable<GuardrailSpan> spans)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(spans);
        var ordered = spans.Where(s => s.Length > 0 && s.Start >= 0 && s.End <= text.Length)
            .OrderBy(s => s.Start).ThenByDescending(s => s.Length).ToList();
        if (ordered.Count == 0)
            return text;
        var sb = new StringBuilder(text.Length);
        var pos = 0;
        var i = 0;
        while (i < ordered.Count)
        {
            var span = ordered[i];
            var end = span.End;
            i++;
            while (i < ordered.Count && ordered[i].Start < end)
            {
                end = Math.Max(end, ordered[i].End);
                i++;
            }
            var start = Math.Max(span.Start, pos);
            sb.Append(text, pos, start - pos).Append("[REDACTED:").Append(span.Type).Append(']');
            pos = Math.Max(pos, end);
        }
        sb.Append(text, pos, text.Length - pos);
        return sb.ToString();
    }
}
