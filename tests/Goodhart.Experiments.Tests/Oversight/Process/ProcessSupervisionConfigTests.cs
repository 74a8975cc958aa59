using Goodhart.Core;
using Goodhart.Experiments.Oversight.Process;

namespace Goodhart.Experiments.Tests.Oversight.Process;

public class ProcessSupervisionConfigTests
{
    [Theory]
    [InlineData("weak_rater", "nobody")]
    [InlineData("strong_rater", "nobody")]
    [InlineData("prm_aggregation", "mean")]
    [InlineData("work_error_rate", "1.5")]
    [InlineData("max_n", "0")]
    [InlineData("ppo_steps", "0")]
    [InlineData("ppo_batch", "2000")]
    [InlineData("eval_prompts", "0")]
    [InlineData("kl_coef", "-1")]
    public void A_bad_field_is_named(string field, string value)
    {
        var config = field switch
        {
            "weak_rater" => new ProcessSupervisionConfig { WeakRater = value },
            "strong_rater" => new ProcessSupervisionConfig { StrongRater = value },
            "prm_aggregation" => new ProcessSupervisionConfig { PrmAggregation = value },
            "work_error_rate" => new ProcessSupervisionConfig { WorkErrorRate = double.Parse(value, System.Globalization.CultureInfo.InvariantCulture) },
            "ppo_steps" => new ProcessSupervisionConfig { PpoSteps = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) },
            "ppo_batch" => new ProcessSupervisionConfig { PpoBatch = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) },
            "eval_prompts" => new ProcessSupervisionConfig { EvalPrompts = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) },
            "kl_coef" => new ProcessSupervisionConfig { KlCoef = double.Parse(value, System.Globalization.CultureInfo.InvariantCulture) },
            _ => new ProcessSupervisionConfig { MaxN = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) },
        };
        var e = Assert.Throws<UserInputException>(config.Validate);
        Assert.StartsWith(field + ":", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_defaults_are_valid()
    {
        new ProcessSupervisionConfig().Validate();
        Assert.Contains(ExperimentCatalog.All, k => k.Name == "process-supervision");
    }

    [Fact]
    public void A_weak_rater_whose_file_sets_no_step_rates_is_named()
    {
        var path = Path.Combine(Path.GetTempPath(), $"no-steps-{Guid.NewGuid():N}.rater");
        File.WriteAllText(path, "name = nosteps\nverifies = easy\n");
        try
        {
            var e = Assert.Throws<UserInputException>(new ProcessSupervisionConfig { WeakRater = path }.Validate);
            Assert.StartsWith("weak_rater: rater 'nosteps' does not label steps", e.Message, StringComparison.Ordinal);
            File.AppendAllText(path, "step_check_rate = 0.3\nstep_detect_rate = 0.6\n");
            new ProcessSupervisionConfig { WeakRater = path }.Validate();
        }
        finally
        {
            File.Delete(path);
        }
    }
}
