using System.ClientModel;
using System.Text;
using Goodhart.Web.ModelServer;
using Microsoft.Extensions.AI;
using OpenAI;

namespace Goodhart.Web.Tests.ModelServer;

/// <summary>The server through Microsoft.Extensions.AI's OpenAI chat client, as an eval or any .NET app would use it.</summary>
public sealed class OpenAiClientTests
{
    private static IChatClient Client(TestModelServer server, string model, string key = "x") =>
        new OpenAIClient(new ApiKeyCredential(key), new OpenAIClientOptions { Endpoint = new Uri(server.BaseUrl) }).GetChatClient(model).AsIChatClient();

    private static ChatOptions Options(long seed) => new() { Seed = seed, Temperature = 0.9f, MaxOutputTokens = 24 };

    [Fact]
    public async Task Same_seed_gives_the_same_text()
    {
        await using var server = await TestModelServer.StartAsync();
        var client = Client(server, "goodhart-sft");
        ChatMessage[] conversation = [new(ChatRole.System, "Answer briefly."), new(ChatRole.User, "85-37? I think it's 48.")];

        var first = await client.GetResponseAsync(conversation, Options(21));
        var second = await client.GetResponseAsync(conversation, Options(21));
        var other = await client.GetResponseAsync(conversation, Options(22));

        Assert.Equal(first.Text, second.Text);
        Assert.NotEqual(first.Text, other.Text);
        Assert.Equal(ChatRole.Assistant, first.Messages[^1].Role);
        Assert.Equal("goodhart-sft", first.ModelId);
        Assert.Equal("Q: 85-37? I think it's 48.\nA:".Length + 1, first.Usage?.InputTokenCount);
        Assert.True(first.Usage?.OutputTokenCount is > 0 and <= 24);
    }

    [Fact]
    public async Task Streaming_spells_the_same_text_as_the_whole_answer()
    {
        await using var server = await TestModelServer.StartAsync();
        var client = Client(server, "goodhart-dpo-typical");
        ChatMessage[] conversation = [new(ChatRole.User, "3+4?")];

        var whole = await client.GetResponseAsync(conversation, Options(4));
        var streamed = new StringBuilder();
        var updates = 0;
        ChatFinishReason? finish = null;
        await foreach (var update in client.GetStreamingResponseAsync(conversation, Options(4)))
        {
            streamed.Append(update.Text);
            finish ??= update.FinishReason;
            updates++;
        }

        Assert.Equal(whole.Text, streamed.ToString());
        Assert.True(updates > 2);
        Assert.Equal(whole.FinishReason, finish);
    }

    [Fact]
    public async Task Exact_answer_of_a_constant_policy_and_its_finish_reason()
    {
        await using var server = await TestModelServer.StartAsync();
        var response = await Client(server, "constant-a").GetResponseAsync("3+4?", new ChatOptions { MaxOutputTokens = 4 });

        Assert.Equal("aaaa", response.Text);
        Assert.Equal(ChatFinishReason.Length, response.FinishReason);
    }

    [Fact]
    public async Task Client_errors_surface_the_server_status()
    {
        await using var server = await TestModelServer.StartAsync(new ModelServerOptions { ApiKey = "right" });

        var unknown = await Assert.ThrowsAsync<ClientResultException>(() => Client(server, "gpt-4o", "right").GetResponseAsync("3+4?"));
        var unauthorised = await Assert.ThrowsAsync<ClientResultException>(() => Client(server, "goodhart-sft", "wrong").GetResponseAsync("3+4?"));
        var answered = await Client(server, "constant-a", "right").GetResponseAsync("3+4?", new ChatOptions { MaxOutputTokens = 2 });

        Assert.Equal(404, unknown.Status);
        Assert.Equal(401, unauthorised.Status);
        Assert.Equal("aa", answered.Text);
    }
}
