using System.Net;
using System.Text.RegularExpressions;

namespace Goodhart.Evals.Guardrails;

/// <summary>
/// Finds personal data: email addresses, phone numbers, payment card numbers (13-19 digits passing the Luhn check),
/// IBAN-like account numbers (passing the ISO 13616 mod-97 check) and IPv4/IPv6 addresses. Spans are typed
/// <c>email</c>, <c>phone</c>, <c>credit_card</c>, <c>iban</c>, <c>ip_address</c>.
/// </summary>
public sealed partial class PiiDetector : IGuardrailDetector
{
    /// <summary>The types this detector reports.</summary>
    public static readonly IReadOnlyList<string> Types = ["email", "phone", "credit_card", "iban", "ip_address"];

    private readonly HashSet<string>? _types;

    /// <summary>A detector reporting <paramref name="types"/> only (all when null or empty).</summary>
    public PiiDetector(IEnumerable<string>? types = null)
    {
        _types = DetectorMatching.TypeFilter(types, [.. Types], Name);
    }

    /// <inheritdoc />
    public string Name => "pii";

    /// <inheritdoc />
    public IReadOnlyList<Detection> Detect(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        // Specific shapes first; phone numbers last, skipping digits already claimed by a card, IBAN or IP address.
        var found = new List<Detection>();
        var failures = new List<string>();
        foreach (Match m in DetectorMatching.Matches(Email(), text, failures, "email"))
            found.Add(new Detection("email", m.Index, m.Length, "email address"));
        foreach (Match m in DetectorMatching.Matches(CardCandidate(), text, failures, "cardcandidate"))
        {
            if (Luhn.IsValid(m.Value) && !DetectorMatching.Overlaps(found, m.Index, m.Length))
                found.Add(new Detection("credit_card", m.Index, m.Length, "payment card number (passes the Luhn check)"));
        }
        foreach (Match m in DetectorMatching.Matches(IbanCandidate(), text, failures, "ibancandidate"))
        {
            if (IsValidIban(m.Value) && !DetectorMatching.Overlaps(found, m.Index, m.Length))
                found.Add(new Detection("iban", m.Index, m.Length, "IBAN (passes the mod-97 check)"));
        }
        foreach (Match m in DetectorMatching.Matches(IPv4(), text, failures, "ipv4"))
        {
            if (!DetectorMatching.Overlaps(found, m.Index, m.Length))
                found.Add(new Detection("ip_address", m.Index, m.Length, "IPv4 address"));
        }
        foreach (Match m in DetectorMatching.Matches(IPv6Candidate(), text, failures, "ipv6candidate"))
        {
            if (m.Value.Count(c => c == ':') >= 2 && IPAddress.TryParse(m.Value, out var ip)
                && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
                && !DetectorMatching.Overlaps(found, m.Index, m.Length))
                found.Add(new Detection("ip_address", m.Index, m.Length, "IPv6 address"));
        }
        foreach (Match m in DetectorMatching.Matches(Phone(), text, failures, "phone"))
        {
            var digits = m.Value.Count(char.IsAsciiDigit);
            if (digits is >= 9 and <= 15 && !DetectorMatching.Overlaps(found, m.Index, m.Length))
                found.Add(new Detection("phone", m.Index, m.Length, "phone number"));
        }
        return DetectorMatching.Finish(Name, failures, found.Where(d => _types is null || _types.Contains(d.Type)));
    }

    /// <summary>True when <paramref name="candidate"/> (spaces ignored) is a well-formed IBAN passing the mod-97 check.</summary>
    public static bool IsValidIban(string candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var compact = candidate.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        if (compact.Length is < 15 or > 34)
            return false;
        var rearranged = compact[4..] + compact[..4];
        var remainder = 0;
        foreach (var c in rearranged)
        {
            int value;
            if (char.IsAsciiDigit(c))
                value = c - '0';
            else if (char.IsAsciiLetterUpper(c))
                value = c - 'A' + 10;
            else
                return false;
            remainder = value >= 10 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97;
        }
        return remainder == 1;
    }

    [GeneratedRegex(@"(?<![\w.+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b", RegexOptions.CultureInvariant, 250)]
    private static partial Regex Email();

    [GeneratedRegex(@"(?<![\w-])\d(?:[ -]?\d){12,18}(?![\w-])", RegexOptions.CultureInvariant, 250)]
    private static partial Regex CardCandidate();

    [GeneratedRegex(@"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b", RegexOptions.CultureInvariant, 250)]
    private static partial Regex IbanCandidate();

    [GeneratedRegex(@"(?<![\w.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?![\w.]|\.\d)", RegexOptions.CultureInvariant, 250)]
    private static partial Regex IPv4();

    [GeneratedRegex(@"(?<![\w:])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![\w:])", RegexOptions.CultureInvariant, 250)]
    private static partial Regex IPv6Candidate();

    [GeneratedRegex(@"(?<![\w+])(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,4}\)[ .-]?)?\d{2,4}(?:[ .-]?\d{2,4}){2,4}(?![\w])", RegexOptions.CultureInvariant, 250)]
    private static partial Regex Phone();
}
