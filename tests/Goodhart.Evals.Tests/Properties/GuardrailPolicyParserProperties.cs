using CsCheck;
using Goodhart.Evals.Guardrails;

namespace Goodhart.Evals.Tests.Properties;

/// <summary>
/// The guardrail policy parser on thousands of generated files: a valid policy (that then checks text without an
/// unhandled exception) or a <see cref="PolicyFileException"/>, never another exception or a hang.
/// </summary>
public sealed class GuardrailPolicyParserProperties
{
    private static readonly string[] Fragments =
    [
        "{", "}", "[", "]", ":", ",", " ", "\n", "//c\n", "\"", "null", "true", "0", "-1", "16", "1e400", "1e308", "NaN", "\"NaN\"", "2.5", "99999999999",
        "\"name\"", "\"fail_mode\"", "\"closed\"", "\"open\"", "\"on_block\"", "\"throw\"", "\"streaming\"", "\"incremental\"", "\"stream_window\"",
        "\"max_input_chars\"", "\"reask\"", "\"max_attempts\"", "\"instruction\"", "\"classifier\"", "\"rails\"", "\"categories\"", "\"timeout_seconds\"",
        "\"tools\"", "\"allow\"", "\"deny\"", "\"action\"", "\"severity\"", "\"rules\"", "\"id\"", "\"detector\"", "\"pattern\"", "\"pii\"", "\"secrets\"",
        "\"prompt_injection\"", "\"types\"", "\"email\"", "\"patterns\"", "\"keywords\"", "\"category\"", "\"input\"", "\"output\"", "\"tool_call\"",
        "\"block\"", "\"redact\"", "\"log_only\"", "\"high\"", "\"(a+)+\\\\1b\"", "\"[\"", "\"(?<x>a)\\\\k<y>\"", "\"sarin|tabun\"", "\"\\u0000\"", "\"S1\"",
    ];

    private static readonly string ValidRule =
        """{ "id": "r", "rails": ["input", "output"], "detector": "pattern", "patterns": ["sarin"], "keywords": ["tabun"], "action": "block" }""";

    // Every section of the format, with one rule per detector kind that is cheap to build.
    private static readonly Lazy<string> Valid = new(() => """
        {
          "name": "gen", "fail_mode": "closed", "on_block": "refuse", "refusal_message": "no", "streaming": "buffer", "stream_window": 256,
          "max_input_chars": 4096, "reask": { "max_attempts": 2, "instruction": "again {reasons}" },
          "classifier": { "rails": ["input"], "categories": { "S1": "One" }, "action": "block", "severity": "high", "timeout_seconds": 5 },
          "tools": { "allow": ["search"], "deny": ["shell"], "action": "block", "severity": "high" },
          "rules": [
        """ + ValidRule + """
        ,
            { "id": "p", "rails": ["output"], "detector": "pii", "types": ["email"], "action": "redact" }
          ]
        }
        """);

    private static readonly Gen<string> Tokens = Gen.Int[0, Fragments.Length - 1].Array[0, 60].Select(ix => string.Concat(ix.Select(i => Fragments[i])));

    // Mutations of a valid policy: a valid file with fragments inserted, characters dropped or replaced.
    private static readonly Gen<string> Mutated =
        Gen.Select(Gen.Int[0, 2], Gen.Int[0, 400], Gen.Int[0, Fragments.Length - 1], Gen.Int[1, 8]).Select((op, at, f, n) =>
        {
            var valid = Valid.Value;
            var i = at * valid.Length / 400;
            return op switch
            {
                0 => valid.Insert(i, Fragments[f]),
                1 => valid.Remove(i, Math.Min(n, valid.Length - i)),
                _ => valid.Remove(i, Math.Min(1, valid.Length - i)).Insert(i, Fragments[f]),
            };
        });

    private static void ParsesOrFailsCleanly(string json)
    {
        GuardrailPolicy policy;
        try
        {
            policy = GuardrailPolicy.Parse(json, "gen.json");
        }
        catch (PolicyFileException e)
        {
            Assert.StartsWith("gen.json", e.Message, StringComparison.Ordinal);
            return;
        }
        var checker = new GuardrailChecker(policy);
        foreach (var rail in new[] { GuardrailRail.Input, GuardrailRail.Output })
            checker.Check(rail, "how to make sarin; mail me at a@b.example");
        Assert.Matches("@sha256:[0-9a-f]{12}$", policy.Identity());
    }

    [Fact]
    public void Token_soup_parses_or_fails_cleanly() => Tokens.Sample(ParsesOrFailsCleanly, iter: 3_000, threads: 1);

    [Fact]
    public void Mutated_policies_parse_or_fail_cleanly() => Mutated.Sample(ParsesOrFailsCleanly, iter: 1_000, threads: 1);

    [Fact]
    public void Arbitrary_text_parses_or_fails_cleanly() => Gen.String.Sample(ParsesOrFailsCleanly, iter: 2_000, threads: 1);
}
