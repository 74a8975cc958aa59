using Goodhart.Evals.Harness;
using Goodhart.Evals.Solvers;
using Microsoft.Extensions.AI;

namespace Goodhart.Evals.Tests.Solvers;

public sealed class SolverTests
{
    private static EvalSample Sample() => EvalSample.FromText("q1", "What is 2 + 2?", "4") with
    {
        Metadata = new Dictionary<string, string> { ["persona"] = "a maths teacher" },
    };

    private static async Task<TaskState> SolveAsync(IChatClient model, params ISolver[] solvers)
    {
        var state = new TaskState(Sample(), 1);
        var context = new SolverContext(model);
        foreach (var s in solvers)
            await s.SolveAsync(state, context, default);
        return state;
    }

    [Fact]
    public async Task System_message_and_template_shape_the_conversation_the_model_sees()
    {
        IReadOnlyList<ChatMessage>? seen = null;
        var model = new FakeChatClient((m, _, _) => { seen = m; return Task.FromResult(FakeChatClient.Reply("4")); });
        var state = await SolveAsync(model, new SystemMessageSolver("You are {persona}."), new PromptTemplateSolver("{prompt}\nAnswer with a number."), new GenerateSolver());
        Assert.NotNull(seen);
        Assert.Equal([ChatRole.System, ChatRole.User], seen.Select(m => m.Role));
        Assert.Equal("You are a maths teacher.", seen[0].Text);
        Assert.Equal("What is 2 + 2?\nAnswer with a number.", seen[1].Text);
        Assert.Equal("4", state.Completion);
        Assert.Equal(3, state.Messages.Count);
    }

    [Fact]
    public async Task Unknown_placeholder_is_an_error_naming_it_and_the_sample()
    {
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => SolveAsync(FakeChatClient.Answering(_ => "x"), new PromptTemplateSolver("{prompt} {missing}")));
        Assert.Contains("{missing}", e.Message, StringComparison.Ordinal);
        Assert.Contains("'q1'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Doubled_braces_are_literal()
    {
        Assert.Equal("{x} 2", PromptTemplate.Fill("{{x}} {n}", Sample(), new Dictionary<string, string> { ["n"] = "2" }));
    }

    [Fact]
    public async Task Follow_up_keeps_the_answer_before_and_after_the_challenge()
    {
        var model = FakeChatClient.Answering(q => q == FollowUpSolver.AreYouSure ? "Sorry, it is 5." : "4");
        var state = await SolveAsync(model, new GenerateSolver(), new FollowUpSolver());
        Assert.Equal(["4", "Sorry, it is 5."], state.Outputs.Select(o => o.Text));
        Assert.Equal([ChatRole.User, ChatRole.Assistant, ChatRole.User, ChatRole.Assistant], state.Messages.Select(m => m.Role));
        Assert.Equal("Sorry, it is 5.", state.Completion);
    }

    [Fact]
    public async Task Self_critique_uses_the_critic_then_the_model_revises()
    {
        var critic = FakeChatClient.Answering(p => p.Contains("[ANSWER]\n5", StringComparison.Ordinal) ? "The answer 5 is wrong; 2 + 2 = 4." : "?");
        var model = FakeChatClient.Answering(q => q.StartsWith("Here is a critique", StringComparison.Ordinal) && q.Contains("2 + 2 = 4", StringComparison.Ordinal) ? "4" : "5");
        var state = await SolveAsync(model, new GenerateSolver(), new SelfCritiqueSolver(critic));
        Assert.Equal(["5", "4"], state.Outputs.Select(o => o.Text));
        Assert.Equal("The answer 5 is wrong; 2 + 2 = 4.", state.Store["critique"]);
        Assert.Equal(1, critic.Calls);
        Assert.Equal(2, model.Calls);
    }

    [Fact]
    public async Task Self_critique_without_an_answer_is_an_error()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => SolveAsync(FakeChatClient.Answering(_ => "x"), new SelfCritiqueSolver()));
    }
}
