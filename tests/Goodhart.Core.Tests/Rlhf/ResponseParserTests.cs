using Goodhart.Core.Randomness;
using Goodhart.Core.Rlhf;

namespace Goodhart.Core.Tests.Rlhf;

public class ResponseParserTests
{
    public static TheoryData<int> Answers => [0, 7, 42, 888, 9801];

    [Theory]
    [MemberData(nameof(Answers))]
    public void Parser_recovers_every_feature_the_composer_writes(int answer)
    {
        var combinations = 0;
        foreach (var confidence in Enum.GetValues<Confidence>())
        foreach (var stance in Enum.GetValues<UserStance>())
        for (var flattery = 0; flattery <= 3; flattery++)
        for (var padding = 0; padding <= 4; padding++)
        for (var wording = 0; wording < ResponseFeatures.WordingCount; wording++)
        {
            var features = new ResponseFeatures(answer, confidence, stance, flattery, padding, wording);
            var text = ResponseComposer.Compose(features);
            var parsed = ResponseParser.Default.Parse(text);
            Assert.True(parsed.Parseable, text);
            Assert.Equal(answer, parsed.Answer);
            Assert.Equal(confidence, parsed.Confidence);
            Assert.Equal(stance, parsed.Stance);
            Assert.Equal(flattery, parsed.Flattery);
            Assert.Equal(padding, parsed.PaddingSentences);
            Assert.Equal(0, parsed.UnknownTokens);
            Assert.Equal(text.Length, parsed.Length);
            var paddingText = Enumerable.Range(0, padding)
                .Sum(i => 1 + ResponseLexicon.PaddingSentences[(wording + i) % ResponseLexicon.PaddingSentences.Count].Length);
            Assert.Equal(paddingText, parsed.PaddingLength);
            combinations++;
        }
        Assert.Equal(3 * 3 * 4 * 5 * ResponseFeatures.WordingCount, combinations);
    }

    [Fact]
    public void The_briefs_example_responses_read_as_intended()
    {
        var p = ResponseParser.Default;
        var plain = p.Parse(" 888.");
        Assert.True(plain.Parseable);
        Assert.Equal(888, plain.Answer);
        Assert.Equal(Confidence.Plain, plain.Confidence);

        var hedged = p.Parse(" I believe it's 888, but check.");
        Assert.Equal(Confidence.Hedged, hedged.Confidence);
        Assert.Equal(2, hedged.Hedges);

        var agree = p.Parse(" You're right, it's 888!");
        Assert.Equal(UserStance.Agrees, agree.Stance);
        Assert.Equal(888, agree.Answer);

        var padded = p.Parse(" It's 888. Great question, let me explain at length...");
        Assert.True(padded.Parseable);
        Assert.Equal(1, padded.Flattery);
        Assert.Equal(1, padded.PaddingSentences);
        Assert.Equal(" let me explain at length...".Length, padded.PaddingLength);
    }

    [Theory]
    [InlineData(" It's 887 or 888.", null, 2)]
    [InlineData(" Q: 37*24? I think it's 888.", null, 3)]
    [InlineData(" It's 888, definitely 888.", 888L, 1)]
    [InlineData(" It's -3.", -3L, 1)]
    [InlineData(" It's 0888.", 888L, 1)]
    [InlineData(" You're right!", null, 0)]
    [InlineData("", null, 0)]
    public void The_answer_is_the_one_distinct_number(string text, long? answer, int numbers)
    {
        var parsed = ResponseParser.Default.Parse(text);
        Assert.Equal(answer, parsed.Answer);
        Assert.Equal(numbers, parsed.Numbers);
        Assert.Equal(answer.HasValue, parsed.Parseable);
    }

    [Theory]
    [InlineData(" It's 888 xyzzy.", false)]
    [InlineData(" zq 888 frob", false)]
    [InlineData(" It's 888. Let me explain at lenght. Math is fun.", true)]
    [InlineData(" It's 888. @@@ ### Math.", false)]
    [InlineData(" It's 12345678901234567890123.", false)]
    public void Text_mostly_outside_the_lexicon_is_unparseable(string text, bool parseable)
    {
        Assert.Equal(parseable, ResponseParser.Default.Parse(text).Parseable);
    }

    [Fact]
    public void Longest_phrases_win_and_case_and_curly_apostrophes_do_not_matter()
    {
        var p = ResponseParser.Default;
        var noDoubt = p.Parse(" IT’S 888, NO DOUBT.");
        Assert.Equal(Confidence.Confident, noDoubt.Confidence);
        Assert.Equal(UserStance.None, noDoubt.Stance);
        Assert.True(noDoubt.Parseable);
        var both = p.Parse(" Yes, actually no. It's 888.");
        Assert.Equal(UserStance.None, both.Stance);
        Assert.Equal(Confidence.Hedged, p.Parse(" It's definitely 888, maybe.").Confidence);
    }

    [Fact]
    public void Random_garbage_never_throws_and_is_almost_never_parseable()
    {
        var rng = new Xoshiro256(2024);
        const string alphabet = "abcdefghijklmnopqrstuvwxyz ABCXYZ0123456789.,!?'-*+:\n\t@#$%&()[]{}\u2019\u00e9\u4e2d\ud83d";
        var parseable = 0;
        const int n = 5000;
        for (var i = 0; i < n; i++)
        {
            var length = 10 + rng.NextInt(190);
            var chars = new char[length];
            for (var j = 0; j < length; j++)
                chars[j] = rng.Bernoulli(0.02) ? (char)rng.NextInt(0x10000) : alphabet[rng.NextInt(alphabet.Length)];
            var parsed = ResponseParser.Default.Parse(new string(chars));
            Assert.Equal(length, parsed.Length);
            Assert.True(parsed.UnknownTokens <= parsed.Tokens);
            parseable += parsed.Parseable ? 1 : 0;
        }
        Assert.True(parseable < n / 100, $"{parseable} of {n} garbage strings parsed");
    }

    [Fact]
    public void Mangled_composer_output_never_throws()
    {
        var rng = new Xoshiro256(77);
        var corpus = new SftCorpusGenerator(3).Next(300);
        foreach (var example in corpus)
        {
            var chars = example.Completion.ToCharArray();
            for (var k = 0; k < 3; k++)
                chars[rng.NextInt(chars.Length)] = (char)(32 + rng.NextInt(95));
            var text = new string(chars, 0, rng.NextInt(chars.Length + 1));
            var parsed = ResponseParser.Default.Parse(text);
            Assert.Equal(text.Length, parsed.Length);
            Assert.True(!parsed.Parseable || parsed.Answer.HasValue, text);
        }
        Assert.False(ResponseParser.Default.Parse(null).Parseable);
    }
}
