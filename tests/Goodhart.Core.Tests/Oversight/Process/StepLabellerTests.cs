using Goodhart.Core.Oversight.Process;
using Goodhart.Core.Rlhf;

namespace Goodhart.Core.Tests.Oversight.Process;

public class StepLabellerTests
{
    private static readonly ArithmeticPrompt Question = new(37, '*', 24);

    [Fact]
    public void The_careful_rater_passes_right_work_and_stops_at_the_first_mistake()
    {
        var labeller = new StepLabeller(StepCheckProfile.Get("careful"), 1);
        var right = labeller.Label(Question, " [37*24 = 37*20+37*4 = 740+148 = 888] It's 888.");
        Assert.True(right.AllGood);
        Assert.Equal(4, right.Labels.Count);
        Assert.Equal(4, right.StepsChecked);
        var wrong = labeller.Label(Question, " [37*24 = 37*20+37*4 = 740+138 = 878] It's 878.");
        Assert.Equal([true, false], wrong.Labels.Select(l => l.Good));
        Assert.Equal(" [37*24 = 37*20+37*4 = 740+138", wrong.Labels[1].Prefix);
    }

    [Fact]
    public void A_step_too_big_to_check_earns_no_credit_unchecked()
    {
        var labels = new StepLabeller(StepCheckProfile.Get("careful"), 1).Label(Question, " [37*24 = 888] It's 888.");
        Assert.Equal([false], labels.Labels.Select(l => l.Good));
        Assert.Equal(0, labels.StepsChecked);
    }

    [Fact]
    public void A_hurried_rater_checks_about_half_the_steps_and_misses_mistakes()
    {
        var labeller = new StepLabeller(StepCheckProfile.Get("hurried"), 3);
        var wrong = Enumerable.Range(0, 2000).Select(_ => labeller.Label(Question, " [37*24 = 37*20+37*4 = 740+148 = 878] It's 878.")).ToArray();
        var caught = wrong.Count(l => !l.AllGood) / 2000.0;
        Assert.InRange(caught, 0.5 * 0.7 - 0.04, 0.5 * 0.7 + 0.04);
        Assert.Throws<UnknownNameException>(() => StepCheckProfile.Get("nobody"));
    }

    [Fact]
    public void The_step_rates_come_from_the_rater_file_and_a_rater_without_them_labels_no_steps()
    {
        var hurried = StepCheckProfile.Get("hurried");
        Assert.Equal(0.5, hurried.CheckRate);
        Assert.Equal(0.7, hurried.DetectRate);
        var own = StepCheckProfile.Of(RaterProfileParser.Parse("name = mine\nstep_check_rate = 0.25\nstep_detect_rate = 0.5\n", "mine.rater"));
        Assert.Equal(0.25, own.CheckRate);
        Assert.Equal(0.5, own.DetectRate);
        var none = Assert.Throws<UserInputException>(() => StepCheckProfile.Of(RaterProfileParser.Parse("name = plain\n", "plain.rater")));
        Assert.Contains("does not label steps", none.Message, StringComparison.Ordinal);
    }
}
