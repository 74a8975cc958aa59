using Goodhart.Core.Rlhf;
using Goodhart.Core.Tests.Runs;

namespace Goodhart.Core.Tests.Rlhf;

public class DatasetTests
{
    private static List<PreferencePair> LabelledPairs(int n, ulong seed)
    {
        var prompts = new PromptGenerator(seed);
        var corpus = new SftCorpusGenerator(seed + 1);
        var labeller = new PreferenceLabeller(new SimulatedRater(RaterCatalog.Default().Get("typical"), seed + 2));
        return Enumerable.Range(0, n).Select(_ =>
        {
            var p = prompts.Next();
            return labeller.Label(p, corpus.ExampleFor(p).Completion, corpus.ExampleFor(p).Completion);
        }).ToList();
    }

    [Fact]
    public void Preference_pairs_round_trip_through_jsonl_with_their_metadata()
    {
        using var dir = new TempDirectory();
        var path = dir.File("pairs.jsonl");
        var pairs = LabelledPairs(200, 3);
        JsonLines.Write(path, pairs);
        var back = JsonLines.Read<PreferencePair>(path);
        Assert.Equal(pairs, back);
        Assert.Equal(200, File.ReadAllLines(path).Length);
        var first = File.ReadLines(path).First();
        Assert.StartsWith("{\"prompt\":\"Q: ", first, StringComparison.Ordinal);
        Assert.Contains("\"chosen\":", first, StringComparison.Ordinal);
        Assert.Contains("\"rater\":\"typical\"", first, StringComparison.Ordinal);
        Assert.Contains("\"chosen_features\":{", first, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u0027", first, StringComparison.Ordinal);
    }

    [Fact]
    public void Labelled_rows_carry_consistent_gold_and_rater_figures()
    {
        var gold = new GoldReward();
        foreach (var pair in LabelledPairs(300, 7))
        {
            var prompt = ArithmeticPrompt.Parse(pair.Prompt);
            Assert.Equal(prompt.Difficulty, pair.Difficulty);
            Assert.Equal(prompt.Answer, pair.Answer);
            Assert.Equal(prompt.Belief, pair.Belief);
            Assert.Equal(gold.Score(prompt, pair.Chosen), pair.ChosenGold);
            Assert.Equal(gold.Score(prompt, pair.Rejected), pair.RejectedGold);
            Assert.Equal(SimulatedRater.BradleyTerry(pair.ChosenUtility!.Value, pair.RejectedUtility!.Value, 1.0), pair.ChosenProbability!.Value, 9);
            Assert.Equal(ResponseAssessment.Of(prompt, pair.Chosen), pair.ChosenFeatures);
        }
    }

    [Fact]
    public void Rows_from_other_tools_need_only_prompt_chosen_and_rejected()
    {
        var rows = JsonLines.Read<PreferencePair>(new StringReader("{\"prompt\":\"p\",\"chosen\":\"a\",\"rejected\":\"b\",\"extra\":1}\n\n"), "trl.jsonl");
        var row = Assert.Single(rows);
        Assert.Equal(new PreferencePair("p", "a", "b"), row);
        Assert.Null(row.ChosenGold);
    }

    [Theory]
    [InlineData("{\"prompt\":\"p\",\"chosen\":\"a\"}", "rejected")]
    [InlineData("{\"prompt\":\"p\",\"chosen\":null,\"rejected\":\"b\"}", "chosen")]
    [InlineData("{\"prompt\":\"p\",\"chosen\":\"a\",\"rejected\":\"b\"", "malformed")]
    [InlineData("[1,2]", "malformed")]
    [InlineData("null", "got null")]
    [InlineData("{\"prompt\":\"p\",\"chosen\":\"a\",\"rejected\":\"b\",\"difficulty\":\"impossible\"}", "difficulty")]
    [InlineData("{\"prompt\":\"p\",\"chosen\":\"a\",\"rejected\":\"b\",\"chosen_gold\":\"high\"}", "chosen_gold")]
    public void A_malformed_row_names_its_file_and_line(string bad, string mention)
    {
        var good = "{\"prompt\":\"p\",\"chosen\":\"a\",\"rejected\":\"b\"}";
        var text = $"{good}\n\n{good}\n{bad}\n{good}\n";
        var e = Assert.Throws<DatasetFormatException>(() => JsonLines.Read<PreferencePair>(new StringReader(text), "pairs.jsonl"));
        Assert.Equal(4, e.Line);
        Assert.Equal("pairs.jsonl", e.File);
        Assert.StartsWith("pairs.jsonl:4: ", e.Message, StringComparison.Ordinal);
        Assert.Contains(mention, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sft_examples_round_trip_in_the_prompt_completion_shape()
    {
        using var dir = new TempDirectory();
        var path = dir.File("sft.jsonl");
        var examples = new SftCorpusGenerator(4).Next(300);
        JsonLines.Write(path, examples);
        var back = JsonLines.Read<SftExample>(path);
        Assert.Equal(examples, back);
        Assert.StartsWith("{\"prompt\":\"Q: ", File.ReadLines(path).First(), StringComparison.Ordinal);
        Assert.Contains("\"completion\":\" ", File.ReadLines(path).First(), StringComparison.Ordinal);
        var e = Assert.Throws<DatasetFormatException>(() => JsonLines.Read<SftExample>(new StringReader("{\"prompt\":\"p\"}"), "sft.jsonl"));
        Assert.Equal(1, e.Line);
        Assert.Contains("completion", e.Message, StringComparison.Ordinal);
    }
}
