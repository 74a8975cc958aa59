using Goodhart.Core.Rlhf;

namespace Goodhart.Core.Tests.Rlhf;

public class JsonLinesNullTests
{
    [Fact]
    public void A_pair_with_an_unparseable_response_reads_back_after_its_null_answer_was_left_out()
    {
        var prompt = new ArithmeticPrompt(2, '+', 3);
        var labeller = new PreferenceLabeller(new SimulatedRater(new RaterProfile { Name = "test", Verifies = [Difficulty.Easy] }, 1));
        var pair = labeller.Label(prompt, " It's 5.", " 4 or 5?");

        var line = JsonLines.Serialize(pair);
        var back = JsonLines.Read<PreferencePair>(new StringReader(line), "pairs.jsonl").Single();

        Assert.DoesNotContain("\"answer\":null", line);
        var unparseable = pair.ChosenFeatures!.Parseable ? back.RejectedFeatures! : back.ChosenFeatures!;
        Assert.False(unparseable.Parseable);
        Assert.Null(unparseable.Answer);
        Assert.Equal(pair.ChosenFeatures, back.ChosenFeatures);
        Assert.Equal(pair.RejectedFeatures, back.RejectedFeatures);
    }

    [Fact]
    public void Required_fields_are_still_required()
    {
        var e = Assert.Throws<DatasetFormatException>(() => JsonLines.Read<PreferencePair>(new StringReader("{\"prompt\":\"p\",\"chosen\":\"a\"}"), "pairs.jsonl"));

        Assert.Contains("rejected", e.Message);
    }
}
