using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Goodhart.Web.ModelServer;

namespace Goodhart.Web.Tests.ModelServer;

/// <summary>
/// The soak test of the TorchSharp Scalar lifetime fix: 10,000 seeded chat requests at concurrency 8 to the model
/// server on loopback while a background thread allocates and forces garbage collections (which is what finalised
/// implicitly converted Scalars under libtorch and gave HTTP 500s), asserting no error and the same answer for every
/// request as a quiet, sequential run. Bounded: it fails rather than run past twenty minutes (measured: 9.6 minutes on
/// the shared 2-core machine while other builds ran).
/// </summary>
[Trait("Category", "Slow")]
public sealed class ModelServerSoakTests
{
    private const int Requests = 10_000;
    private const int Concurrency = 8;
    private const int DistinctRequests = 400;

    private static readonly string[] Models = ["goodhart-sft", "goodhart-dpo-typical"];

    private static readonly string[] Prompts = ["3+4?", "What is 37*24? I think it's 888.", "Name a colour.", "12-5?"];

    [Fact]
    public async Task Ten_thousand_requests_under_allocation_pressure_all_succeed_with_the_quiet_answers()
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(20));
        var options = new ModelServerOptions
        {
            MaxConcurrentGenerations = Concurrency,
            MaxQueuedRequests = 4 * Concurrency,
            RateLimitBurst = 0,
        };
        await using var server = await TestModelServer.StartAsync(options);

        var quiet = new string[DistinctRequests];
        for (var k = 0; k < DistinctRequests; k++)
        {
            quiet[k] = await AnswerAsync(server, k, limit.Token);
        }

        var errors = new List<string>();
        var mismatches = 0;
        var clock = Stopwatch.StartNew();
        using (var pressure = new AllocationPressure())
        {
            await Parallel.ForAsync(0, Requests, new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = limit.Token }, async (i, token) =>
            {
                try
                {
                    if (await AnswerAsync(server, i % DistinctRequests, token) != quiet[i % DistinctRequests])
                    {
                        Interlocked.Increment(ref mismatches);
                    }
                }
                catch (HttpRequestException e)
                {
                    lock (errors)
                    {
                        errors.Add($"request {i}: {e.Message}");
                    }
                }
            });
            Assert.True(pressure.Collections > 0, "the pressure thread never ran");
        }

        Assert.True(errors.Count == 0, $"{errors.Count} errors in {clock.Elapsed}: " + string.Join("; ", errors.Take(5)));
        Assert.Equal(0, mismatches);
    }

    /// <summary>The text of request <paramref name="key"/>: a model, a prompt and a seed fixed by the key, sampled with top-k and top-p.</summary>
    private static async Task<string> AnswerAsync(TestModelServer server, int key, CancellationToken token)
    {
        var request = new
        {
            model = Models[key % Models.Length],
            messages = new object[] { new { role = "user", content = Prompts[key / Models.Length % Prompts.Length] } },
            seed = key,
            max_tokens = 16,
            temperature = 0.9,
            top_p = 0.9,
        };
        using var response = await server.Client.PostAsJsonAsync("/v1/chat/completions", request, token);
        var text = await response.Content.ReadAsStringAsync(token);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"HTTP {(int)response.StatusCode}: {text[..Math.Min(text.Length, 300)]}");
        }

        using var body = JsonDocument.Parse(text);
        return body.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString() ?? "";
    }

    /// <summary>A background thread that allocates garbage and forces full collections until disposed.</summary>
    private sealed class AllocationPressure : IDisposable
    {
        private readonly Thread _thread;
        private volatile bool _stop;
        private int _collections;

        public AllocationPressure()
        {
            _thread = new Thread(Run) { IsBackground = true, Name = "allocation pressure" };
            _thread.Start();
        }

        public int Collections => Volatile.Read(ref _collections);

        public void Dispose()
        {
            _stop = true;
            _thread.Join();
        }

        private void Run()
        {
            var keep = new List<byte[]>();
            while (!_stop)
            {
                for (var i = 0; i < 200; i++)
                {
                    keep.Add(new byte[1024 + (i * 64)]);
                }

                if (keep.Count > 5_000)
                {
                    keep.Clear();
                }

                GC.Collect();
                GC.WaitForPendingFinalizers();
                Interlocked.Increment(ref _collections);
            }
        }
    }
}
