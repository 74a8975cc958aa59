using Goodhart.Evals.Guardrails;
using Microsoft.Extensions.AI;

namespace Goodhart.Evals.Tests.Guardrails;

public sealed class ClassifierTests
{
    private static readonly GuardrailPolicy ClassifierPolicy = new() { Classifier = new ClassifierSettings { TimeoutSeconds = 5 } };

    [Theory]
    [InlineData("safe", true, "")]
    [InlineData("  SAFE \n", true, "")]
    [InlineData("unsafe\nS1,S10", false, "S1,S10")]
    [InlineData("unsafe\ns9", false, "S9")]
    [InlineData("unsafe", false, "")]
    public void Parses_llama_guard_verdicts(string output, bool safe, string categories)
    {
        var verdict = LlamaGuardClassifier.Parse(output, HazardTaxonomy.LlamaGuard3);
        Assert.Equal(safe, verdict.IsSafe);
        Assert.Equal(categories, string.Join(",", verdict.Categories));
    }

    [Theory]
    [InlineData("")]
    [InlineData("I think this is fine.")]
    [InlineData("unsafe\nS15")]
    [InlineData("safe\nS1")]
    [InlineData("The answer: safe")]
    public void Unparseable_answers_are_errors_not_guesses(string output) =>
        Assert.Throws<ClassifierOutputException>(() => LlamaGuardClassifier.Parse(output, HazardTaxonomy.LlamaGuard3));

    [Fact]
    public void Custom_taxonomy_replaces_the_default_categories()
    {
        var taxonomy = new Dictionary<string, string> { ["X1"] = "Spoilers" };
        var classifier = new LlamaGuardClassifier(CallbackChatClient.Replying(_ => "safe"), taxonomy);

        var prompt = classifier.BuildPrompt([new ChatMessage(ChatRole.User, "how does the film end?")], GuardrailRail.Input);

        Assert.Contains("X1: Spoilers.", prompt, StringComparison.Ordinal);
        Assert.DoesNotContain("S1:", prompt, StringComparison.Ordinal);
        Assert.Equal(["X1"], LlamaGuardClassifier.Parse("unsafe\nX1", taxonomy).Categories);
    }

    [Fact]
    public async Task Unsafe_output_verdict_blocks_with_the_category_names()
    {
        var guard = CallbackChatClient.Replying(m => m[0].Text.Contains("Agent: how to hurt", StringComparison.Ordinal) ? "unsafe\nS1" : "safe");
        var client = CallbackChatClient.Replying(_ => "how to hurt someone").AsBuilder().UseGuardrails(ClassifierPolicy, guard).Build();

        var response = await client.GetResponseAsync("tell me a story");

        Assert.Equal(GuardrailPolicy.DefaultRefusalMessage, response.Text);
        var v = Assert.Single(GuardrailsChatClient.VerdictsOf(response));
        Assert.Equal((GuardrailRail.Output, "S1", "classifier: unsafe (S1 Violent Crimes)"), (v.Rail, v.Category, v.Reason));
        Assert.Equal(2, guard.Requests.Count);
    }

    [Fact]
    public async Task Classifier_given_to_a_policy_without_a_classifier_section_checks_input_and_output()
    {
        var guard = CallbackChatClient.Replying(m => m[0].Text.Contains("Agent:", StringComparison.Ordinal) ? "unsafe\nS2" : "safe");
        var client = CallbackChatClient.Replying(_ => "steal it").AsBuilder().UseGuardrails(GuardrailPolicy.Default, guard).Build();

        var response = await client.GetResponseAsync("how do I get a bike?");

        Assert.Equal(2, guard.Requests.Count);
        Assert.Equal("S2", Assert.Single(GuardrailsChatClient.VerdictsOf(response)).Category);
    }

    [Theory]
    [InlineData(GuardrailFailMode.Closed, true)]
    [InlineData(GuardrailFailMode.Open, false)]
    public async Task Throwing_classifier_follows_the_fail_mode(GuardrailFailMode mode, bool blocked)
    {
        var guard = new CallbackChatClient { OnResponse = (_, _, _) => throw new HttpRequestException("503 from https://guard.example/?key=sk-secret") };
        var inner = CallbackChatClient.Replying(_ => "hello");
        var client = inner.AsBuilder().UseGuardrails(ClassifierPolicy with { FailMode = mode }, guard).Build();

        var response = await client.GetResponseAsync("hi");

        Assert.Equal(blocked ? GuardrailPolicy.DefaultRefusalMessage : "hello", response.Text);
        Assert.Equal(blocked ? 0 : 1, inner.Requests.Count);
        var v = GuardrailsChatClient.VerdictsOf(response)[0];
        Assert.True(v.IsClassifierError);
        Assert.Equal(blocked ? GuardrailAction.Block : GuardrailAction.LogOnly, v.Action);
        Assert.DoesNotContain("sk-secret", v.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unparseable_classifier_answer_fails_closed_by_default()
    {
        var client = CallbackChatClient.Replying(_ => "hello").AsBuilder()
            .UseGuardrails(ClassifierPolicy, CallbackChatClient.Replying(_ => "Looks fine to me!")).Build();

        var response = await client.GetResponseAsync("hi");

        Assert.Equal(GuardrailPolicy.DefaultRefusalMessage, response.Text);
        Assert.StartsWith("classifier answer unparseable", Assert.Single(GuardrailsChatClient.VerdictsOf(response)).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Classifier_timeout_is_an_error_for_the_fail_mode()
    {
        var slow = new CallbackChatClient
        {
            OnResponse = async (_, _, ct) =>
            {
                await Task.Delay(TimeSpan.FromSeconds(30), ct);
                return new ChatResponse(new ChatMessage(ChatRole.Assistant, "safe"));
            },
        };
        var policy = new GuardrailPolicy { FailMode = GuardrailFailMode.Open, Classifier = new ClassifierSettings { TimeoutSeconds = 0.05, Rails = [GuardrailRail.Input] } };
        var client = CallbackChatClient.Replying(_ => "hello").AsBuilder().UseGuardrails(policy, slow).Build();

        var response = await client.GetResponseAsync("hi");

        Assert.Equal("hello", response.Text);
        Assert.StartsWith("classifier timed out after 0.05 s", Assert.Single(GuardrailsChatClient.VerdictsOf(response)).Reason, StringComparison.Ordinal);
    }
}
