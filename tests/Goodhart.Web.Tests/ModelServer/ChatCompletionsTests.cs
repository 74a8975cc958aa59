using System.Text.Json;
using Goodhart.Learning.Generation;
using Goodhart.Web.ModelServer;
using static TorchSharp.torch;

namespace Goodhart.Web.Tests.ModelServer;

public sealed class ChatCompletionsTests
{
    private static object Ask(string model, string text, long seed = 7, int maxTokens = 12, double temperature = 1.0) => new
    {
        model,
        messages = new object[] { new { role = "system", content = "You are helpful." }, new { role = "user", content = text } },
        seed,
        max_tokens = maxTokens,
        temperature,
    };

    [Fact]
    public async Task Models_are_listed_in_openai_shape()
    {
        await using var server = await TestModelServer.StartAsync();
        using var response = await server.Client.GetAsync("/v1/models");
        var body = await TestModelServer.Json(response);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("list", body.GetProperty("object").GetString());
        var data = body.GetProperty("data").EnumerateArray().ToArray();
        Assert.Equal(["constant-a", "constant-eos", "goodhart-dpo-typical", "goodhart-sft"], data.Select(m => m.GetProperty("id").GetString()));
        Assert.All(data, m =>
        {
            Assert.Equal("model", m.GetProperty("object").GetString());
            Assert.Equal("goodhart", m.GetProperty("owned_by").GetString());
            Assert.True(m.GetProperty("created").GetInt64() > 1_600_000_000);
        });
    }

    [Fact]
    public async Task One_model_is_retrieved_by_id()
    {
        await using var server = await TestModelServer.StartAsync();
        using var found = await server.Client.GetAsync("/v1/models/goodhart-sft");
        using var missing = await server.Client.GetAsync("/v1/models/gpt-4o");

        Assert.Equal("goodhart-sft", (await TestModelServer.Json(found)).GetProperty("id").GetString());
        Assert.Equal(404, (int)missing.StatusCode);
        Assert.Equal("model_not_found", (await TestModelServer.Json(missing)).GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Completion_has_openai_shape_and_counts_tokens()
    {
        await using var server = await TestModelServer.StartAsync();
        var (status, body) = await server.ChatAsync(Ask("constant-a", "3+4?", maxTokens: 5));

        Assert.Equal(200, status);
        Assert.StartsWith("chatcmpl-", body.GetProperty("id").GetString());
        Assert.Equal("chat.completion", body.GetProperty("object").GetString());
        Assert.Equal("constant-a", body.GetProperty("model").GetString());
        var choice = Assert.Single(body.GetProperty("choices").EnumerateArray());
        Assert.Equal(0, choice.GetProperty("index").GetInt32());
        Assert.Equal("assistant", choice.GetProperty("message").GetProperty("role").GetString());
        Assert.Equal("aaaaa", choice.GetProperty("message").GetProperty("content").GetString());
        Assert.Equal("length", choice.GetProperty("finish_reason").GetString());
        var usage = body.GetProperty("usage");
        Assert.Equal("Q: 3+4?\nA:".Length + 1, usage.GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(5, usage.GetProperty("completion_tokens").GetInt32());
        Assert.Equal("Q: 3+4?\nA:".Length + 6, usage.GetProperty("total_tokens").GetInt32());
    }

    [Fact]
    public async Task A_policy_that_ends_at_once_stops_with_empty_text()
    {
        await using var server = await TestModelServer.StartAsync();
        var (_, body) = await server.ChatAsync(Ask("constant-eos", "Q: 85-37? I think it's 48.\nA:"));
        var choice = body.GetProperty("choices")[0];

        Assert.Equal("", choice.GetProperty("message").GetProperty("content").GetString());
        Assert.Equal("stop", choice.GetProperty("finish_reason").GetString());
        Assert.Equal(1, body.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
        Assert.Equal("Q: 85-37? I think it's 48.\nA:".Length + 1, body.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
    }

    [Fact]
    public async Task Stop_sequence_ends_the_choice_and_is_not_returned()
    {
        await using var server = await TestModelServer.StartAsync();
        var (_, body) = await server.ChatAsync(new
        {
            model = "constant-a",
            messages = new[] { new { role = "user", content = "3+4?" } },
            max_tokens = 10,
            stop = new[] { "zz", "aaa" },
        });
        var choice = body.GetProperty("choices")[0];

        Assert.Equal("", choice.GetProperty("message").GetProperty("content").GetString());
        Assert.Equal("stop", choice.GetProperty("finish_reason").GetString());
        Assert.Equal(3, body.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
    }

    [Fact]
    public async Task Same_seed_gives_the_same_text_as_the_sampler_and_another_seed_differs()
    {
        await using var server = await TestModelServer.StartAsync();
        var first = Content(await server.ChatAsync(Ask("goodhart-sft", "37*24? I think it's 888.", seed: 11, maxTokens: 40)));
        var again = Content(await server.ChatAsync(Ask("goodhart-sft", "Q: 37*24? I think it's 888.\nA:", seed: 11, maxTokens: 40)));
        var other = Content(await server.ChatAsync(Ask("goodhart-sft", "37*24? I think it's 888.", seed: 12, maxTokens: 40)));

        var policy = server.Models.Find("goodhart-sft")!.Policy;
        using var generator = PolicyDecoder.CreateGenerator(11, CPU);
        var expected = Sampler.Generate(policy, ["Q: 37*24? I think it's 888.\nA:"], new SamplingOptions { MaxNewTokens = 40 }, generator)[0].TrimStart(' ');

        Assert.Equal(expected, first);
        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public async Task N_choices_are_indexed_and_follow_the_sampler_batch()
    {
        await using var server = await TestModelServer.StartAsync();
        var (status, body) = await server.ChatAsync(new
        {
            model = "goodhart-dpo-typical",
            messages = new[] { new { role = "user", content = new object[] { new { type = "text", text = "3+" }, new { type = "text", text = "4?" } } } },
            n = 3,
            seed = 5,
            max_tokens = 20,
        });

        Assert.Equal(200, status);
        var choices = body.GetProperty("choices").EnumerateArray().ToArray();
        Assert.Equal([0, 1, 2], choices.Select(c => c.GetProperty("index").GetInt32()));
        var policy = server.Models.Find("goodhart-dpo-typical")!.Policy;
        using var generator = PolicyDecoder.CreateGenerator(5, CPU);
        var expected = Sampler.Generate(policy, Enumerable.Repeat("Q: 3+4?\nA:", 3).ToArray(), new SamplingOptions { MaxNewTokens = 20 }, generator);
        Assert.Equal(expected.Select(t => t.TrimStart(' ')), choices.Select(c => c.GetProperty("message").GetProperty("content").GetString()));
    }

    [Fact]
    public async Task Greedy_decoding_is_the_same_without_a_seed()
    {
        await using var server = await TestModelServer.StartAsync();
        var request = new { model = "goodhart-sft", messages = new[] { new { role = "user", content = "9+9?" } }, temperature = 0, max_tokens = 30 };
        var first = Content(await server.ChatAsync(request));
        var second = Content(await server.ChatAsync(request));

        var policy = server.Models.Find("goodhart-sft")!.Policy;
        var expected = Sampler.Generate(policy, ["Q: 9+9?\nA:"], SamplingOptions.Greedy with { MaxNewTokens = 30 })[0].TrimStart(' ');
        Assert.Equal(expected, first);
        Assert.Equal(first, second);
    }

    private static string Content((int Status, JsonElement Body) answer)
    {
        Assert.Equal(200, answer.Status);
        return answer.Body.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!;
    }
}
