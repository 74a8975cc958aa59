using Goodhart.Evals.Constitutional;
using Goodhart.Evals.Tests.Guardrails;
using Microsoft.Extensions.AI;

namespace Goodhart.Evals.Tests.Constitutional;

public sealed class ConstitutionalChatClientTests
{
    private static readonly Constitution TwoPrinciples = Constitution.Parse("""
        { "name": "two", "principles": [
          { "id": "p1", "critique": "Critique by P1.", "revision": "Revise by P1." },
          { "id": "p2", "critique": "Critique by P2.", "revision": "Revise by P2." } ] }
        """);

    /// <summary>A model whose answer depends on what it was last asked, so each step's output is traceable.</summary>
    private static CallbackChatClient Model() => CallbackChatClient.Replying(m =>
    {
        var last = m[^1].Text;
        if (last.StartsWith("Critique by", StringComparison.Ordinal))
            return $"critique {m.Count}";
        if (last.StartsWith("Revise by", StringComparison.Ordinal))
            return $"revision {m.Count}:{last[^3..^1]}";
        return "draft";
    });

    [Fact]
    public async Task Two_rounds_critique_and_revise_with_the_prompts_of_bai_et_al()
    {
        var inner = Model();
        var client = inner.AsBuilder().UseConstitution(TwoPrinciples, new ConstitutionalOptions { Rounds = 2, Seed = 7 }).Build();

        var response = await client.GetResponseAsync("Tell me about locks.");

        Assert.Equal(5, inner.Requests.Count);
        var trace = ConstitutionalChatClient.TraceOf(response)!;
        Assert.Equal("draft", trace.InitialResponse);
        Assert.Equal(2, trace.Rounds.Count);
        Assert.NotEqual(trace.Rounds[0].PrincipleId, trace.Rounds[1].PrincipleId);
        // Round 1: the critique request follows the draft; the revision request follows the critique.
        var critique1 = inner.Requests[1];
        Assert.Equal(["Tell me about locks.", "draft", $"Critique by {trace.Rounds[0].PrincipleId.ToUpperInvariant()}."], critique1.Select(m => m.Text));
        Assert.Equal([ChatRole.User, ChatRole.Assistant, ChatRole.User], critique1.Select(m => m.Role));
        var revision1 = inner.Requests[2];
        Assert.Equal(["Tell me about locks.", "draft", critique1[2].Text, "critique 3", $"Revise by {trace.Rounds[0].PrincipleId.ToUpperInvariant()}."], revision1.Select(m => m.Text));
        // Round 2 critiques round 1's revision.
        Assert.Equal(trace.Rounds[0].Revision, inner.Requests[3][1].Text);
        Assert.Equal(trace.Rounds[1].Revision, response.Text);
        Assert.Equal($"revision 5:{trace.Rounds[1].PrincipleId.ToUpperInvariant()}", response.Text);
        Assert.Equal(string.Join(",", trace.Rounds.Select(r => r.PrincipleId)), response.AdditionalProperties!["goodhart.constitution.principles"]);
    }

    [Fact]
    public void Principle_sampling_is_seeded_and_depends_on_the_conversation()
    {
        var constitution = Constitution.Default;
        var options = new ConstitutionalOptions { Rounds = 3, Seed = 1 };
        var a = new ConstitutionalChatClient(Model(), constitution, options);
        var b = new ConstitutionalChatClient(Model(), constitution, options);
        ChatMessage[] prompt = [new(ChatRole.User, "How do vaccines work?")];

        var first = a.SamplePrinciples(prompt, out var seedA).Select(p => p.Id).ToList();
        var again = b.SamplePrinciples(prompt, out var seedB).Select(p => p.Id).ToList();
        var others = Enumerable.Range(0, 20)
            .Select(i => string.Join(",", a.SamplePrinciples([new(ChatRole.User, $"question {i}")], out _).Select(p => p.Id)))
            .Distinct().Count();

        Assert.Equal(first, again);
        Assert.Equal(seedA, seedB);
        Assert.Equal(3, first.Distinct().Count());
        Assert.True(others > 10, $"only {others} distinct principle sequences over 20 prompts");
    }

    [Fact]
    public async Task Zero_rounds_returns_the_first_answer_with_an_empty_trace()
    {
        var inner = Model();
        var response = await new ConstitutionalChatClient(inner, TwoPrinciples, new ConstitutionalOptions { Rounds = 0 }).GetResponseAsync("hi");

        Assert.Equal("draft", response.Text);
        Assert.Single(inner.Requests);
        Assert.Empty(ConstitutionalChatClient.TraceOf(response)!.Rounds);
    }

    [Fact]
    public async Task Streaming_replays_the_final_revision()
    {
        var client = new ConstitutionalChatClient(Model(), TwoPrinciples);

        var response = await client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "hi")]).ToChatResponseAsync();

        Assert.StartsWith("revision 5:P", response.Text, StringComparison.Ordinal);
    }
}
