using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Goodhart.Learning.Text;
using Goodhart.Web.ModelServer;

namespace Goodhart.Web.Tests.ModelServer;

/// <summary>
/// A real server on 127.0.0.1 with a free port (Kestrel), serving tiny policies written to a temporary models
/// folder: <c>goodhart-sft</c> and <c>goodhart-dpo-typical</c> (random, different seeds) and <c>constant-a</c>
/// and <c>constant-eos</c> (always 'a', always eos).
/// </summary>
internal sealed class TestModelServer : IAsyncDisposable
{
    private readonly ModelServerHost _host;

    private TestModelServer(string folder, ModelRegistry models, ModelServerHost host)
    {
        Folder = folder;
        Models = models;
        _host = host;
        Client = new HttpClient { BaseAddress = new Uri(host.Addresses[0]) };
    }

    public string Folder { get; }

    public ModelRegistry Models { get; }

    /// <summary>Client whose base address is the server's root (requests use <c>/v1/...</c>).</summary>
    public HttpClient Client { get; }

    /// <summary>The base URL for OpenAI clients, e.g. <c>http://127.0.0.1:41234/v1</c>.</summary>
    public string BaseUrl => _host.BaseUrl;

    public static async Task<TestModelServer> StartAsync(ModelServerOptions? options = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "goodhart-serve-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        TinyPolicies.Save(folder, "goodhart-sft", TinyPolicies.Random(1));
        TinyPolicies.Save(folder, "goodhart-dpo-typical", TinyPolicies.Random(2));
        TinyPolicies.Save(folder, "constant-a", TinyPolicies.Constant(TinyPolicies.Id('a')));
        TinyPolicies.Save(folder, "constant-eos", TinyPolicies.Constant(CharTokenizer.Eos));
        var models = ModelRegistry.Load(folder);
        var host = ModelServerHost.Create(models, options ?? new ModelServerOptions(), ["http://127.0.0.1:0"]);
        await host.StartAsync();
        return new TestModelServer(folder, models, host);
    }

    /// <summary>POSTs <paramref name="json"/> to <c>/v1/chat/completions</c>.</summary>
    public Task<HttpResponseMessage> PostChatAsync(string json) =>
        Client.PostAsync("/v1/chat/completions", new StringContent(json, Encoding.UTF8, "application/json"));

    /// <summary>POSTs a request built from an object and returns the status and parsed body.</summary>
    public async Task<(int Status, JsonElement Body)> ChatAsync(object request)
    {
        using var response = await Client.PostAsJsonAsync("/v1/chat/completions", request);
        return ((int)response.StatusCode, await Json(response));
    }

    public static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _host.StopAsync();
        await _host.DisposeAsync();
        Models.Dispose();
        Directory.Delete(Folder, recursive: true);
    }
}
