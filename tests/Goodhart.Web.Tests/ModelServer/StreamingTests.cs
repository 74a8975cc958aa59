using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Goodhart.Web.Tests.ModelServer;

public sealed class StreamingTests
{
    [Fact]
    public async Task Stream_sends_chunks_then_done_and_spells_the_non_streamed_text()
    {
        await using var server = await TestModelServer.StartAsync();
        var request = new Dictionary<string, object>
        {
            ["model"] = "goodhart-sft",
            ["messages"] = new[] { new { role = "user", content = "12+30? I think it's 42." } },
            ["seed"] = 3,
            ["max_tokens"] = 30,
            ["stream"] = true,
            ["stream_options"] = new { include_usage = true },
        };
        using var response = await server.Client.PostAsJsonAsync("/v1/chat/completions", request);
        var events = await Events(response);
        request["stream"] = false;
        var (_, whole) = await server.ChatAsync(request);

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("[DONE]", events[^1]);
        var chunks = events[..^1].Select(e => JsonDocument.Parse(e).RootElement.Clone()).ToArray();
        Assert.All(chunks, c => Assert.Equal("chat.completion.chunk", c.GetProperty("object").GetString()));
        Assert.Single(chunks.Select(c => c.GetProperty("id").GetString()).Distinct());
        var withChoices = chunks.Where(c => c.GetProperty("choices").GetArrayLength() > 0).Select(c => c.GetProperty("choices")[0]).ToArray();
        Assert.Equal("assistant", withChoices[0].GetProperty("delta").GetProperty("role").GetString());
        var text = string.Concat(withChoices.Select(c => c.GetProperty("delta").TryGetProperty("content", out var part) ? part.GetString() : ""));
        var wholeChoice = whole.GetProperty("choices")[0];
        Assert.Equal(wholeChoice.GetProperty("message").GetProperty("content").GetString(), text);
        Assert.True(withChoices.Length > 3);
        Assert.Equal(wholeChoice.GetProperty("finish_reason").GetString(), withChoices[^1].GetProperty("finish_reason").GetString());
        Assert.All(withChoices[..^1], c => Assert.Equal(JsonValueKind.Null, c.GetProperty("finish_reason").ValueKind));
        var usage = chunks[^1];
        Assert.Equal(0, usage.GetProperty("choices").GetArrayLength());
        Assert.Equal(whole.GetProperty("usage").GetProperty("total_tokens").GetInt32(), usage.GetProperty("usage").GetProperty("total_tokens").GetInt32());
    }

    [Fact]
    public async Task Stream_holds_back_text_that_could_start_a_stop_sequence()
    {
        await using var server = await TestModelServer.StartAsync();
        using var response = await server.Client.PostAsJsonAsync("/v1/chat/completions", new
        {
            model = "constant-a",
            messages = new[] { new { role = "user", content = "3+4?" } },
            max_tokens = 10,
            stop = "aaab",
            stream = true,
        });
        var events = await Events(response);
        var deltas = events[..^1].Select(e => JsonDocument.Parse(e).RootElement.GetProperty("choices")[0]).ToArray();
        var text = string.Concat(deltas.Select(c => c.GetProperty("delta").TryGetProperty("content", out var part) ? part.GetString() : ""));

        Assert.Equal("aaaaaaaaaa", text);
        Assert.Equal("length", deltas[^1].GetProperty("finish_reason").GetString());
    }

    [Fact]
    public async Task A_failure_mid_stream_ends_the_stream_with_an_error_event_not_a_dropped_connection()
    {
        await using var server = await TestModelServer.StartAsync();
        // Injected fault: position embeddings from position 20 on are NaN, so the first tokens of the answer are
        // sampled normally and then torch's sampler fails on NaN probabilities in the middle of the answer.
        var policy = server.Models.Find("constant-a")!.Policy;
        using (TorchSharp.torch.no_grad())
        {
            var wpe = policy.state_dict()["transformer.wpe.weight"];
            using var tail = wpe.narrow(0, 20, wpe.shape[0] - 20);
            tail.fill_(double.NaN);
        }

        using var response = await server.Client.PostAsJsonAsync("/v1/chat/completions", new
        {
            model = "constant-a",
            messages = new[] { new { role = "user", content = "3+4?" } },
            max_tokens = 40,
            seed = 1,
            stream = true,
        });
        var events = await Events(response);

        var text = string.Concat(events[..^1].Select(e => JsonDocument.Parse(e).RootElement.GetProperty("choices")[0])
            .Select(c => c.GetProperty("delta").TryGetProperty("content", out var part) ? part.GetString() : ""));
        Assert.Matches("^a+$", text);
        Assert.True(text.Length < 40, text);
        using var last = JsonDocument.Parse(events[^1]);
        var error = last.RootElement.GetProperty("error");
        Assert.Equal("server_error", error.GetProperty("type").GetString());
        Assert.Equal("generation_failed", error.GetProperty("code").GetString());
        Assert.Equal(response.Headers.GetValues("X-Request-Id").Single(), error.GetProperty("request_id").GetString());
        Assert.Contains("incomplete", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(events, e => e.Contains("   at ", StringComparison.Ordinal) || e.Contains("probability", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain("[DONE]", events);
    }

    private static async Task<string[]> Events(HttpResponseMessage response)
    {
        Assert.Equal(200, (int)response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        var events = new List<string>();
        foreach (var block in body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            Assert.StartsWith("data: ", block);
            events.Add(block["data: ".Length..]);
        }

        Assert.Equal(body.Length, events.Sum(e => e.Length + "data: \n\n".Length));
        return [.. events];
    }
}
