using System.Collections.Concurrent;
using Goodhart.Evals.Harness;
using Goodhart.Evals.Models;
using Microsoft.Extensions.AI;

namespace Goodhart.Evals.Tests.Harness;

public sealed class SamplingSeedTests
{
    private static readonly ModelCallOptions NoMiddleware = new() { Timeout = null, Retry = new RetryPolicy { MaxRetries = 0 } };

    private static async Task<Dictionary<string, long?>> SeedsSent(EvalRunOptions options)
    {
        var seen = new ConcurrentDictionary<string, long?>(StringComparer.Ordinal);
        var model = new FakeChatClient((messages, chatOptions, _) =>
        {
            seen[messages[^1].Text] = chatOptions?.Seed;
            return Task.FromResult(FakeChatClient.Reply("answer"));
        });
        await new EvalRunner(options with { Calls = NoMiddleware }).RunAsync(EvalRunnerTests.Task(4), model);
        return new Dictionary<string, long?>(seen, StringComparer.Ordinal);
    }

    [Fact]
    public async Task Each_call_gets_a_seed_from_the_run_seed_and_the_sample_and_a_rerun_sends_the_same()
    {
        var first = await SeedsSent(new EvalRunOptions { SamplingSeed = 7 });
        var again = await SeedsSent(new EvalRunOptions { SamplingSeed = 7 });
        var other = await SeedsSent(new EvalRunOptions { SamplingSeed = 8 });

        Assert.Equal(4, first.Count);
        Assert.All(first.Values, s => Assert.True(s is >= 0));
        Assert.Equal(4, first.Values.Distinct().Count());
        Assert.Equal(first, again);
        Assert.NotEqual(first["question 0"], other["question 0"]);
        Assert.Equal(SolverContext.CallSeed(7, "s2", 1, 0), first["question 2"]);
    }

    [Fact]
    public async Task No_seed_is_sent_without_a_run_seed_at_temperature_zero_or_over_an_explicit_one()
    {
        Assert.All((await SeedsSent(new EvalRunOptions())).Values, s => Assert.Null(s));
        Assert.All((await SeedsSent(new EvalRunOptions { SamplingSeed = 7, Generation = new ChatOptions { Temperature = 0 } })).Values, s => Assert.Null(s));
        Assert.All((await SeedsSent(new EvalRunOptions { SamplingSeed = 7, Generation = new ChatOptions { Seed = 42 } })).Values, s => Assert.Equal(42, s));
    }

    [Fact]
    public void Call_seeds_differ_by_epoch_and_by_call()
    {
        var seeds = new[] { SolverContext.CallSeed(1, "a", 1, 0), SolverContext.CallSeed(1, "a", 2, 0), SolverContext.CallSeed(1, "a", 1, 1), SolverContext.CallSeed(1, "b", 1, 0) };
        Assert.Equal(seeds.Length, seeds.Distinct().Count());
    }
}
