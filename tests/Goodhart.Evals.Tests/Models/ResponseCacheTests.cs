using Goodhart.Evals.Harness;
using Goodhart.Evals.Models;
using Goodhart.Evals.Tests.Harness;
using Microsoft.Extensions.AI;

namespace Goodhart.Evals.Tests.Models;

public sealed class ResponseCacheTests
{
    private static EvalRunOptions Cached(ResponseCache cache, int epochs = 1) => new()
    {
        Epochs = epochs,
        Calls = new ModelCallOptions { Timeout = null, Retry = new RetryPolicy { MaxRetries = 0 }, Cache = cache },
    };

    [Fact]
    public async Task Recorded_responses_replay_offline_without_calling_the_model()
    {
        using var dir = new TempDirectory();
        var live = FakeChatClient.Answering(q => q.Replace("question", "answer", StringComparison.Ordinal) + " (live)");
        var recording = new ResponseCache(dir.Path, ResponseCacheMode.ReadWrite);
        var first = await new EvalRunner(Cached(recording, epochs: 2)).RunAsync(EvalRunnerTests.Task(3), live);
        Assert.Equal((6, 6, 0), (live.Calls, recording.Writes, recording.Hits));

        var broken = new FakeChatClient((_, _, _) => throw new InvalidOperationException("the network must not be used"));
        var offline = new ResponseCache(dir.Path, ResponseCacheMode.OfflineOnly);
        var replay = await new EvalRunner(Cached(offline, epochs: 2)).RunAsync(EvalRunnerTests.Task(3), broken);
        Assert.Equal(0, broken.Calls);
        Assert.Equal(6, offline.Hits);
        Assert.Equal(first.Samples.Select(s => s.Outputs[0]), replay.Samples.Select(s => s.Outputs[0]));
        Assert.Equal("answer 1 (live)", replay.Samples[2].Outputs[0]);
        Assert.Equal(0, replay.Errored);
    }

    [Fact]
    public async Task Read_write_mode_calls_the_model_only_on_misses()
    {
        using var dir = new TempDirectory();
        var live = FakeChatClient.Answering(_ => "answer");
        var cache = new ResponseCache(dir.Path, ResponseCacheMode.ReadWrite);
        await new EvalRunner(Cached(cache)).RunAsync(EvalRunnerTests.Task(2), live);
        await new EvalRunner(Cached(cache)).RunAsync(EvalRunnerTests.Task(3), live);
        Assert.Equal(3, live.Calls);
        Assert.Equal(2, cache.Hits);
    }

    [Fact]
    public async Task An_offline_miss_errors_the_sample_naming_it_and_the_key()
    {
        using var dir = new TempDirectory();
        var model = FakeChatClient.Answering(_ => "x");
        var result = await new EvalRunner(Cached(new ResponseCache(dir.Path, ResponseCacheMode.OfflineOnly))).RunAsync(EvalRunnerTests.Task(1), model);
        Assert.Equal(0, model.Calls);
        var error = result.Samples[0].Error;
        Assert.NotNull(error);
        Assert.Contains("offline cache miss for sample 's0' epoch 1", error, StringComparison.Ordinal);
        Assert.Matches("no entry [0-9a-f]{64} in ", error);
    }

    [Fact]
    public void Keys_change_with_messages_model_epoch_and_options_but_not_with_irrelevant_options()
    {
        List<ChatMessage> messages = [new(ChatRole.User, "hi")];
        var key = ResponseCacheKey.Compute("m", 1, messages, new ChatOptions { Temperature = 0 });
        Assert.NotEqual(key, ResponseCacheKey.Compute("m", 1, [new(ChatRole.User, "hello")], new ChatOptions { Temperature = 0 }));
        Assert.NotEqual(key, ResponseCacheKey.Compute("m2", 1, messages, new ChatOptions { Temperature = 0 }));
        Assert.NotEqual(key, ResponseCacheKey.Compute("m", 2, messages, new ChatOptions { Temperature = 0 }));
        Assert.NotEqual(key, ResponseCacheKey.Compute("m", 1, messages, new ChatOptions { Temperature = 1 }));
        Assert.Equal(key, ResponseCacheKey.Compute("m", 1, messages, new ChatOptions { Temperature = 0, ConversationId = "c-1" }));
        Assert.Matches("^[0-9a-f]{64}$", key);
    }
}
