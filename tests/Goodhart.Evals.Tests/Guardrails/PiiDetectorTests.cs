using Goodhart.Evals.Guardrails;

namespace Goodhart.Evals.Tests.Guardrails;

public sealed class PiiDetectorTests
{
    private static readonly PiiDetector Detector = new();

    [Theory]
    [InlineData("4111 1111 1111 1111", true)]
    [InlineData("4111-1111-1111-1111", true)]
    [InlineData("5500005555555559", true)]
    [InlineData("4111 1111 1111 1112", false)]
    [InlineData("1234567812345678", false)]
    public void Luhn_accepts_valid_card_numbers_and_rejects_one_digit_off(string number, bool valid) =>
        Assert.Equal(valid, Luhn.IsValid(number));

    [Fact]
    public void Card_number_passing_luhn_is_typed_credit_card_with_its_span()
    {
        const string text = "charge 4111 1111 1111 1111 today";
        var d = Assert.Single(Detector.Detect(text));
        Assert.Equal("credit_card", d.Type);
        Assert.Equal(text.IndexOf('4', StringComparison.Ordinal), d.Start);
        Assert.Equal("4111 1111 1111 1111".Length, d.Length);
    }

    [Fact]
    public void Sixteen_digits_failing_luhn_are_not_a_card()
    {
        Assert.DoesNotContain(Detector.Detect("order 4111 1111 1111 1112"), d => d.Type == "credit_card");
    }

    [Theory]
    [InlineData("write to jane.doe+news@example.co.uk please", "email", "jane.doe+news@example.co.uk")]
    [InlineData("call +44 20 7946 0958 now", "phone", "+44 20 7946 0958")]
    [InlineData("call (555) 123-4567 now", "phone", "(555) 123-4567")]
    [InlineData("pay GB82 WEST 1234 5698 7654 32 now", "iban", "GB82 WEST 1234 5698 7654 32")]
    [InlineData("pay DE89370400440532013000 now", "iban", "DE89370400440532013000")]
    [InlineData("host 192.168.10.254 is down", "ip_address", "192.168.10.254")]
    [InlineData("host 2001:db8::8a2e:370:7334 is down", "ip_address", "2001:db8::8a2e:370:7334")]
    public void Finds_typed_pii_with_exact_span(string text, string type, string match)
    {
        var d = Assert.Single(Detector.Detect(text));
        Assert.Equal(type, d.Type);
        Assert.Equal(match, text.Substring(d.Start, d.Length));
    }

    [Theory]
    [InlineData("The meeting is at 12:30:45 on 2024-05-01.")]
    [InlineData("Version 1.2.3 fixed 42 bugs in 300 files.")]
    [InlineData("The ratio was 3.14 and the year 1999.")]
    public void Ordinary_text_has_no_pii(string text) => Assert.Empty(Detector.Detect(text));

    [Fact]
    public void Mistyped_iban_fails_the_mod_97_check()
    {
        Assert.True(PiiDetector.IsValidIban("GB82 WEST 1234 5698 7654 32"));
        Assert.False(PiiDetector.IsValidIban("GB82 WEST 1234 5698 7654 33"));
        Assert.DoesNotContain(Detector.Detect("account GB82 WEST 1234 5698 7654 33"), d => d.Type == "iban");
    }

    [Fact]
    public void Type_filter_reports_only_the_named_types()
    {
        var emailsOnly = new PiiDetector(["email"]);
        var found = emailsOnly.Detect("a@b.org or 4111 1111 1111 1111");
        Assert.Equal(["email"], found.Select(d => d.Type));
    }

    [Fact]
    public void Unknown_type_is_rejected() => Assert.Throws<ArgumentException>(() => new PiiDetector(["emial"]));

    [Fact]
    public void Redactor_replaces_spans_with_typed_markers()
    {
        const string text = "mail a@b.org, card 4111 1111 1111 1111.";
        var redacted = Redactor.Redact(text, Detector.Detect(text).Select(d => d.ToSpan()));
        Assert.Equal("mail [REDACTED:email], card [REDACTED:credit_card].", redacted);
    }
}
