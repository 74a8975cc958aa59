using Goodhart.Core.Rlhf;
using Goodhart.Evals.Constitutional;
using Goodhart.Evals.Tests.Guardrails;

namespace Goodhart.Evals.Tests.Constitutional;

public sealed class AiFeedbackLabellerTests
{
    private const string Good = "Here is a careful, honest answer.";
    private const string Bad = "Here is a reckless answer.";

    /// <summary>A judge that prefers whichever option holds the careful answer.</summary>
    private static CallbackChatClient CarefulJudge() => CallbackChatClient.Replying(m =>
        m[0].Text.Contains("(A) " + Good, StringComparison.Ordinal) ? "(A)" : "The answer is (B).");

    [Theory]
    [InlineData("(A)", 'A')]
    [InlineData("The answer is: (B)", 'B')]
    [InlineData(" B ", 'B')]
    [InlineData("(a) because it is kinder", 'A')]
    public void Parses_a_single_named_option(string answer, char expected) => Assert.Equal(expected, AiFeedbackLabeller.ParseChoice(answer));

    [Theory]
    [InlineData("")]
    [InlineData("Both are fine.")]
    [InlineData("(A) is polite but (B) is accurate")]
    [InlineData("Option C")]
    public void Neither_or_both_options_is_unparseable(string answer) => Assert.Null(AiFeedbackLabeller.ParseChoice(answer));

    [Fact]
    public async Task Labels_follow_the_judge_through_shuffled_positions_and_read_back_as_preference_pairs()
    {
        var judge = CarefulJudge();
        var labeller = new AiFeedbackLabeller(judge, Constitution.Default, new AiFeedbackOptions { Seed = 3, JudgeName = "fake-judge" });
        var items = Enumerable.Range(0, 12).Select(i => new AiFeedbackComparison($"prompt {i}", i % 2 == 0 ? Good : Bad, i % 2 == 0 ? Bad : Good)).ToList();

        var result = await labeller.LabelAsync(items);
        var path = Path.Combine(Path.GetTempPath(), $"rlaif-{Guid.NewGuid():N}.jsonl");
        try
        {
            result.WriteJsonl(path);
            var pairs = JsonLines.Read<PreferencePair>(path);
            var rows = JsonLines.Read<AiFeedbackPreference>(path);

            Assert.Equal((12, 0), (result.Total, result.Unparseable));
            Assert.Equal(12, pairs.Count);
            Assert.All(pairs, p => Assert.Equal((Good, Bad, "constitutional-ai-feedback"), (p.Chosen, p.Rejected, p.Rater)));
            Assert.Equal(items.Select(i => i.Prompt), pairs.Select(p => p.Prompt));
            Assert.All(rows, r => Assert.Equal("fake-judge", r.Judge));
            Assert.All(rows, r => Assert.NotNull(Constitution.Default[r.Principle!].Preference));
            Assert.Contains(rows, r => r.ChosenPosition == "A");
            Assert.Contains(rows, r => r.ChosenPosition == "B");
            Assert.Contains("\"principle\":", File.ReadAllText(path), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Unparseable_verdicts_are_skipped_and_counted_never_guessed()
    {
        var judge = CallbackChatClient.Replying(m => m[0].Text.Contains("Human: skip", StringComparison.Ordinal) ? "I cannot decide." : "(A)");
        var labeller = new AiFeedbackLabeller(judge, Constitution.Default, new AiFeedbackOptions { ShufflePositions = false });
        AiFeedbackComparison[] items = [new("keep 1", "a1", "b1"), new("skip 1", "a2", "b2"), new("keep 2", "a3", "b3"), new("skip 2", "a4", "b4")];

        var result = await labeller.LabelAsync(items);

        Assert.Equal((4, 2), (result.Total, result.Unparseable));
        Assert.Equal(["keep 1", "keep 2"], result.Preferences.Select(p => p.Prompt));
        Assert.Equal(["a1", "a3"], result.Preferences.Select(p => p.Chosen));
    }

    [Fact]
    public async Task Judge_prompt_carries_the_principle_question_and_both_options()
    {
        var judge = CallbackChatClient.Replying(_ => "(B)");
        var constitution = Constitution.Parse("""{ "principles": [ { "id": "p", "critique": "c", "revision": "r", "preference": "Which is kinder?" } ] }""");
        var labeller = new AiFeedbackLabeller(judge, constitution, new AiFeedbackOptions { ShufflePositions = false });

        var row = await labeller.LabelOneAsync(new AiFeedbackComparison("Say hi", "hi", "hello friend"));

        var prompt = Assert.Single(Assert.Single(judge.Requests)).Text;
        Assert.Contains("Human: Say hi", prompt, StringComparison.Ordinal);
        Assert.Contains("Which is kinder?\nOptions:\n(A) hi\n(B) hello friend", prompt, StringComparison.Ordinal);
        Assert.Equal(("hello friend", "hi", "p", "B"), (row!.Chosen, row.Rejected, row.Principle, row.ChosenPosition));
    }

    [Fact]
    public void Constitution_without_preference_questions_cannot_label() =>
        Assert.Throws<ArgumentException>(() => new AiFeedbackLabeller(CarefulJudge(),
            Constitution.Parse("""{ "principles": [ { "id": "p", "critique": "c", "revision": "r" } ] }""")));
}
