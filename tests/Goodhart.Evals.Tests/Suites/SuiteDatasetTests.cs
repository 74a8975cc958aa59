using Goodhart.Evals.Harness;
using Goodhart.Evals.Suites.Fabrication;
using Goodhart.Evals.Suites.HarmfulCompliance;
using Goodhart.Evals.Suites.OverRefusal;
using Goodhart.Evals.Suites.PromptInjection;
using Goodhart.Evals.Suites.Sycophancy;

namespace Goodhart.Evals.Tests.Suites;

public class SuiteDatasetTests
{
    public static TheoryData<string> SuiteNames => new(AllSuites().Select(s => s.Name));

    internal static IReadOnlyList<IEvalSuite> AllSuites() =>
    [
        new SycophancySuite(), new SycophancyAnswerSuite(), new SycophancyLabSuite(), new AreYouSureSuite(), new FeedbackSuite(), new OverRefusalSuite(),
        new HarmfulComplianceSuite(), new PromptInjectionSuite(), new FabricationSuite(),
    ];

    private static IEvalSuite Suite(string name) => AllSuites().Single(s => s.Name == name);

    private static string Fingerprint(EvalSample s) =>
        s.Id + "\u0001" + string.Join("\u0002", s.Input.Select(m => m.Text)) + "\u0001" + string.Join("\u0002", s.Target) + "\u0001" +
        string.Join("\u0002", s.Metadata.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key + "=" + kv.Value));

    [Theory]
    [MemberData(nameof(SuiteNames))]
    public void Suite_generates_at_least_fifty_items_with_unique_ids_and_a_type_label(string name)
    {
        var task = Suite(name).CreateTask(new SuiteOptions { Seed = 7 });

        Assert.Equal(name, task.Name);
        Assert.True(task.Dataset.Count >= 50, $"{name}: {task.Dataset.Count} items");
        Assert.Equal(task.Dataset.Count, task.Dataset.Select(s => s.Id).Distinct(StringComparer.Ordinal).Count());
        Assert.All(task.Dataset, s => Assert.False(string.IsNullOrWhiteSpace(s.Metadata["type"])));
        Assert.All(task.Dataset, s => Assert.False(string.IsNullOrWhiteSpace(s.Input[^1].Text)));
        Assert.NotEmpty(task.Solvers);
        Assert.NotEmpty(task.Scorers);
        Assert.Equal(task.Scorers.Count, task.Scorers.Select(s => s.Name).Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [MemberData(nameof(SuiteNames))]
    public void Same_seed_gives_the_same_items_and_another_seed_different_ones(string name)
    {
        var a = Suite(name).CreateTask(new SuiteOptions { Seed = 11 }).Dataset.Select(Fingerprint).ToList();
        var b = Suite(name).CreateTask(new SuiteOptions { Seed = 11 }).Dataset.Select(Fingerprint).ToList();
        var c = Suite(name).CreateTask(new SuiteOptions { Seed = 12 }).Dataset.Select(Fingerprint).ToList();

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Every_suite_class_of_the_suites_namespace_is_covered_by_these_tests()
    {
        var suiteTypes = typeof(SycophancySuite).Assembly.GetTypes()
            .Where(t => typeof(IEvalSuite).IsAssignableFrom(t) && !t.IsAbstract && t.Namespace!.StartsWith("Goodhart.Evals.Suites", StringComparison.Ordinal))
            .Select(t => t.FullName).Order(StringComparer.Ordinal);

        Assert.Equal(suiteTypes, AllSuites().Select(s => s.GetType().FullName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Suites_have_distinct_names()
    {
        var names = AllSuites().Select(s => s.Name).ToList();

        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
    }
}
