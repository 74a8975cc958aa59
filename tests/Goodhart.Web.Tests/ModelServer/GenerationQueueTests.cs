using Goodhart.Web.ModelServer;

namespace Goodhart.Web.Tests.ModelServer;

public sealed class GenerationQueueTests
{
    [Fact]
    public async Task Requests_beyond_the_slots_wait_and_beyond_the_queue_get_503()
    {
        using var queue = new GenerationQueue(new ModelServerOptions { MaxConcurrentGenerations = 1, MaxQueuedRequests = 1 });
        var running = await queue.EnterAsync(CancellationToken.None);
        var waiting = queue.EnterAsync(CancellationToken.None);
        var refused = await Assert.ThrowsAsync<OpenAiException>(() => queue.EnterAsync(CancellationToken.None));

        Assert.False(waiting.IsCompleted);
        Assert.Equal(503, refused.StatusCode);
        Assert.Equal("server_busy", refused.Code);
        Assert.Equal(2, queue.Pending);

        running.Dispose();
        using (await waiting)
        {
            Assert.Equal(1, queue.Pending);
        }

        Assert.Equal(0, queue.Pending);
    }

    [Fact]
    public async Task A_cancelled_wait_leaves_the_queue()
    {
        using var queue = new GenerationQueue(new ModelServerOptions { MaxConcurrentGenerations = 1, MaxQueuedRequests = 4 });
        using var running = await queue.EnterAsync(CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var waiting = queue.EnterAsync(cancel.Token);

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal(1, queue.Pending);
    }
}
