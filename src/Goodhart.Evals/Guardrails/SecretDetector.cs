using System.Text.RegularExpressions;

namespace Goodhart.Evals.Guardrails;

/// <summary>
/// Finds credential shapes: OpenAI and Anthropic keys, AWS access key ids, GitHub and Slack tokens, Google API keys,
/// PEM private keys, JSON web tokens, and <c>api_key = ...</c>-style assignments (<c>assigned_secret</c>).
/// </summary>
public sealed partial class SecretDetector : IGuardrailDetector
{
    /// <summary>The types this detector reports.</summary>
    public static readonly IReadOnlyList<string> Types =
        ["openai_key", "anthropic_key", "aws_access_key", "github_token", "slack_token", "google_api_key", "private_key", "jwt", "assigned_secret"];

    private static readonly (string Type, Regex Regex)[] Shapes =
    [
        ("anthropic_key", AnthropicKey()),
        ("openai_key", OpenAiKey()),
        ("aws_access_key", AwsKey()),
        ("github_token", GitHubToken()),
        ("slack_token", SlackToken()),
        ("google_api_key", GoogleKey()),
        ("private_key", PrivateKey()),
        ("jwt", Jwt()),
        ("assigned_secret", Assigned()),
    ];

    private readonly HashSet<string>? _types;

    /// <summary>A detector reporting <paramref name="types"/> only (all when null or empty).</summary>
    public SecretDetector(IEnumerable<string>? types = null)
    {
        _types = DetectorMatching.TypeFilter(types, [.. Types], Name);
    }

    /// <inheritdoc />
    public string Name => "secrets";

    /// <inheritdoc />
    public IReadOnlyList<Detection> Detect(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var found = new List<Detection>();
        var failures = new List<string>();
        foreach (var (type, regex) in Shapes)
        {
            foreach (Match m in DetectorMatching.Matches(regex, text, failures, type))
            {
                if (!DetectorMatching.Overlaps(found, m.Index, m.Length))
                    found.Add(new Detection(type, m.Index, m.Length, $"credential shape ({type})"));
            }
        }
        return DetectorMatching.Finish(Name, failures, found.Where(d => _types is null || _types.Contains(d.Type)));
    }

    [GeneratedRegex(@"\bsk-ant-[A-Za-z0-9_-]{20,}", RegexOptions.CultureInvariant, 250)]
    private static partial Regex AnthropicKey();

    [GeneratedRegex(@"\bsk-(?:proj-|svcacct-)?[A-Za-z0-9_-]{20,}", RegexOptions.CultureInvariant, 250)]
    private static partial Regex OpenAiKey();

    [GeneratedRegex(@"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b", RegexOptions.CultureInvariant, 250)]
    private static partial Regex AwsKey();

    [GeneratedRegex(@"\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{40,})\b", RegexOptions.CultureInvariant, 250)]
    private static partial Regex GitHubToken();

    [GeneratedRegex(@"\bxox[abprs]-[A-Za-z0-9-]{10,}", RegexOptions.CultureInvariant, 250)]
    private static partial Regex SlackToken();

    [GeneratedRegex(@"\bAIza[0-9A-Za-z_-]{35}\b", RegexOptions.CultureInvariant, 250)]
    private static partial Regex GoogleKey();

    [GeneratedRegex(@"-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED )?PRIVATE KEY-----(?:[\s\S]*?-----END (?:RSA |EC |DSA |OPENSSH |ENCRYPTED )?PRIVATE KEY-----)?", RegexOptions.CultureInvariant, 250)]
    private static partial Regex PrivateKey();

    [GeneratedRegex(@"\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}", RegexOptions.CultureInvariant, 250)]
    private static partial Regex Jwt();

    [GeneratedRegex(@"\b(?:api[_-]?key|secret[_-]?key|access[_-]?token|auth[_-]?token|password|passwd|secret)\b[""']?\s*[:=]\s*[""']?[A-Za-z0-9_\-/+=.]{12,}", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 250)]
    private static partial Regex Assigned();
}
