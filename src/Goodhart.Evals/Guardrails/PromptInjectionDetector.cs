using System.Text;
using System.Text.RegularExpressions;

namespace Goodhart.Evals.Guardrails;

/// <summary>
/// Heuristics for prompt injection (direct or hidden in retrieved documents): requests to ignore earlier
/// instructions (<c>ignore_instructions</c>), chat-template and role-switch markers (<c>role_switch</c>), phrasing that
/// hides instructions from the user or addresses the model from inside content (<c>hidden_instruction</c>),
/// instructions in HTML/Markdown comments or CSS-hidden elements (<c>concealed_instruction</c>), invisible characters (<c>hidden_text</c>) and base64
/// blobs that decode to any of these (<c>encoded_instruction</c>). Heuristics, not proofs: docs/guardrails.md lists
/// their known misses.
/// </summary>
public sealed partial class PromptInjectionDetector : IGuardrailDetector
{
    /// <summary>The types this detector reports.</summary>
    public static readonly IReadOnlyList<string> Types =
        ["ignore_instructions", "role_switch", "hidden_instruction", "concealed_instruction", "hidden_text", "encoded_instruction"];

    private readonly HashSet<string>? _types;

    /// <summary>A detector reporting <paramref name="types"/> only (all when null or empty).</summary>
    public PromptInjectionDetector(IEnumerable<string>? types = null)
    {
        _types = DetectorMatching.TypeFilter(types, [.. Types], Name);
    }

    /// <inheritdoc />
    public string Name => "prompt_injection";

    /// <inheritdoc />
    public IReadOnlyList<Detection> Detect(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var found = new List<Detection>();
        var failures = new List<string>();
        DetectPlain(text, found, failures);
        foreach (Match m in DetectorMatching.Matches(Hidden(), text, failures, "hidden_text"))
            found.Add(new Detection("hidden_text", m.Index, m.Length, "invisible characters (zero-width or Unicode tags)"));
        foreach (Match m in DetectorMatching.Matches(Base64Blob(), text, failures, "base64"))
        {
            if (TryDecode(m.Value) is { } decoded)
            {
                var inner = new List<Detection>();
                DetectPlain(decoded, inner, failures);
                if (inner.Count > 0)
                    found.Add(new Detection("encoded_instruction", m.Index, m.Length, $"base64 text decoding to an injection ({inner[0].Type})"));
            }
        }
        return DetectorMatching.Finish(Name, failures, Distinct(found).Where(d => _types is null || _types.Contains(d.Type)));
    }

    private static void DetectPlain(string text, List<Detection> found, List<string> failures)
    {
        foreach (Match m in DetectorMatching.Matches(IgnoreInstructions(), text, failures, "ignore_instructions"))
            found.Add(new Detection("ignore_instructions", m.Index, m.Length, "asks to ignore or override earlier instructions"));
        foreach (Match m in DetectorMatching.Matches(IgnoreInstructionsParaphrased(), text, failures, "ignore_instructions_paraphrased"))
            found.Add(new Detection("ignore_instructions", m.Index, m.Length, "asks to ignore or override earlier instructions"));
        foreach (Match m in DetectorMatching.Matches(RoleSwitch(), text, failures, "role_switch"))
            found.Add(new Detection("role_switch", m.Index, m.Length, "chat-template or role-switch marker"));
        foreach (Match m in DetectorMatching.Matches(HiddenInstruction(), text, failures, "hidden_instruction"))
            found.Add(new Detection("hidden_instruction", m.Index, m.Length, "instruction addressed to the model or hidden from the user"));
        DetectContent(text, found, failures);
    }

    // The old and new heuristics can flag the same span with the same type; report it once.
    private static IEnumerable<Detection> Distinct(List<Detection> found) => found.DistinctBy(d => (d.Type, d.Start, d.Length));

    private static string? TryDecode(string blob)
    {
        var padded = blob.Length % 4 == 0 ? blob : blob + new string('=', 4 - (blob.Length % 4));
        var bytes = new byte[padded.Length];
        if (!Convert.TryFromBase64String(padded, bytes, out var written))
            return null;
        string decoded;
        try
        {
            decoded = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, 0, written);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
        var printable = decoded.Count(c => !char.IsControl(c) || c is '\n' or '\r' or '\t');
        return printable >= decoded.Length * 0.9 ? decoded : null;
    }

    [GeneratedRegex(
        @"\b(?:ignore|disregard|forget|override|bypass|skip)\b[^.\n]{0,40}?\b(?:previous|prior|above|earlier|preceding|all|any|your|the|system|original)\b[^.\n]{0,30}?\b(?:instructions?|prompts?|rules|directions|directives|guidelines|guardrails|constraints)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 250)]
    private static partial Regex IgnoreInstructions();

    [GeneratedRegex(
        @"\b(?:pay no attention to|no longer follow|stop following|disobey|do not follow|don't follow)\b[^.\n]{0,30}?(?:\bwhat you (?:were|have been|are) told\b|\byour (?:previous|prior|earlier|original|initial|current) (?:instructions?|guidance|task|orders)\b|\bthe (?:system|original) (?:prompt|instructions?)\b)" +
        @"|\b(?:ignore|disregard|forget|skip)\s+(?:the\s+)?user['\u2019]s\s+(?:question|request|task|message|instructions?)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 250)]
    private static partial Regex IgnoreInstructionsParaphrased();

    [GeneratedRegex(
        @"<\|(?:im_start|im_end|system|user|assistant|start_header_id|end_header_id|eot_id)\|>|\[/?INST\]|<<SYS>>|^[ \t]*(?:#{1,3}[ \t]*)?(?:system|developer)(?:[ \t]+(?:prompt|message|override))?[ \t]*:[ \t]*(?:you\b|ignore\b|from now on\b|new\b|your\b)|\byou are now\b[^.\n]{0,40}?\b(?:unrestricted|jailbroken|unfiltered|DAN|without (?:any )?(?:restrictions|limits|rules|filters))|\b(?:developer|jailbreak|DAN|god)[ -]mode\b",
        RegexOptions.IgnoreCase | RegexOptions.Multiline | RegexOptions.CultureInvariant, 250)]
    private static partial Regex RoleSwitch();

    [GeneratedRegex(
        @"\b(?:do not|don't|never)\s+(?:tell|reveal|mention|inform|show|alert)\s+(?:this\s+to\s+)?(?:the\s+)?user\b(?!['\u2019]s)|\bwithout\s+(?:telling|informing|alerting)\s+the\s+user\b|\bnew\s+(?:system\s+)?instructions\s*:|\b(?:AI|assistant|language model|LLM)s?\s+(?:reading|processing|summari[sz]ing)\s+this\b|\b(?:IMPORTANT|ATTENTION|NOTE TO (?:THE )?(?:AI|ASSISTANT))\s*[:!]\s*(?:ignore|instead|you must|the assistant)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 250)]
    private static partial Regex HiddenInstruction();

    [GeneratedRegex(@"[\u200B-\u200D\u2060\uFEFF]+|(?:\uDB40[\uDC00-\uDC7F])+", RegexOptions.CultureInvariant, 250)]
    private static partial Regex Hidden();

    [GeneratedRegex(@"(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{24,}={0,2}(?![A-Za-z0-9+/=])", RegexOptions.CultureInvariant, 250)]
    private static partial Regex Base64Blob();
}
