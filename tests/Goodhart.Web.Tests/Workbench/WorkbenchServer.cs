using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Goodhart.Core.Runs;
using Goodhart.Web.Workbench;
using Goodhart.Web.Workbench.Rating;
using Microsoft.AspNetCore.Builder;

namespace Goodhart.Web.Tests.Workbench;

/// <summary>The workbench started in process on 127.0.0.1 port 0 over a fresh run store, with a client that carries the antiforgery token.</summary>
internal sealed class WorkbenchServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _directory;
    private string? _token;

    private WorkbenchServer(WebApplication app, string directory, Uri address)
    {
        _app = app;
        _directory = directory;
        Address = address;
        Client = new HttpClient(new HttpClientHandler { CookieContainer = Cookies }) { BaseAddress = address };
    }

    public Uri Address { get; }

    /// <summary>The app's services (to look at what the server holds).</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>The client's cookies (the antiforgery cookie, for raw requests).</summary>
    public CookieContainer Cookies { get; } = new();

    public HttpClient Client { get; }

    public string StorePath => Path.Combine(_directory, "runs.db");

    public static async Task<WorkbenchServer> StartAsync(IRatingSessionFactory? rating = null, WorkbenchLimits? limits = null, Web.Http.HttpEdgeOptions? edge = null, Web.Workbench.Debate.DebateOptions? debate = null, string? webRoot = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "goodhart-web-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var options = new WorkbenchOptions { Port = 0, StorePath = Path.Combine(directory, "runs.db"), Limits = limits ?? new WorkbenchLimits(), Edge = edge ?? new Web.Http.HttpEdgeOptions(), Debate = debate ?? new Web.Workbench.Debate.DebateOptions() };
        var app = WorkbenchApp.Build(webRoot is null ? options : options with { WebRoot = webRoot }, rating);
        await app.StartAsync();
        return new WorkbenchServer(app, directory, WorkbenchApp.Address(app));
    }

    /// <summary>Opens the same store file the server uses (to plant or read runs).</summary>
    public RunStore OpenStore() => RunStore.Open(StorePath);

    public async Task<HttpResponseMessage> PostAsync(string path, object? body, bool withToken = true)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        if (body is not null)
            request.Content = JsonContent.Create(body);
        if (withToken)
            request.Headers.Add(RequestProtection.TokenHeader, await TokenAsync());
        return await Client.SendAsync(request);
    }

    /// <summary>Posts raw JSON text, either with a Content-Length or chunked (no Content-Length, as streaming clients send it).</summary>
    public async Task<HttpResponseMessage> PostJsonTextAsync(string path, string json, bool chunked)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        request.Content = chunked ? new StreamContent(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json))) : new StringContent(json);
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.TransferEncodingChunked = chunked;
        request.Headers.Add(RequestProtection.TokenHeader, await TokenAsync());
        return await Client.SendAsync(request);
    }

    public async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {expected}, got {response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public async Task<JsonElement> GetJsonAsync(string path) => await JsonAsync(await Client.GetAsync(path), HttpStatusCode.OK);

    /// <summary>Polls a game training until it is no longer running.</summary>
    public async Task<JsonElement> WaitForTrainingAsync(string id)
    {
        for (var i = 0; i < 600; i++)
        {
            var state = await GetJsonAsync($"/api/game/trainings/{id}");
            if (state.GetProperty("status").GetString() != "running")
                return state;
            await Task.Delay(100);
        }
        throw new TimeoutException($"training {id} did not finish in a minute");
    }

    /// <summary>The antiforgery request token (fetched once; its cookie lands in <see cref="Cookies"/>).</summary>
    public async Task<string> TokenAsync()
    {
        if (_token is null)
        {
            var t = await GetJsonAsync("/api/antiforgery");
            _token = t.GetProperty("token").GetString()!;
        }
        return _token;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
