using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.FileProviders;

namespace Goodhart.Web.Workbench.Pages;

/// <summary>
/// Serves each page of <see cref="WorkbenchLayout.Pages"/> at its path (the home page also at <c>/</c>), rendered from
/// its fragment in the web root's <c>pages/</c> folder; the fragments themselves are not served. A page is rendered
/// once, at its first request, and kept for the server's lifetime (the fragments ship with the binaries; restart
/// the server to see an edited one). A missing fragment is a JSON 404 naming the page, like every other error of the
/// workbench, and is looked for again at the next request.
/// </summary>
internal static class WorkbenchPageEndpoints
{
    public static void Map(WebApplication app, IFileProvider webRoot)
    {
        var rendered = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        foreach (var page in WorkbenchLayout.Pages)
        {
            var handler = (HttpContext context) => Serve(context, webRoot, page, rendered);
            app.MapGet(page.Path, handler);
            if (page.Path == "/index.html")
                app.MapGet("/", handler);
        }
        app.MapGet($"/{WorkbenchLayout.FragmentFolder}/{{**rest}}", (HttpContext context) =>
            RequestProtection.Problem(context, StatusCodes.Status404NotFound, "path", $"no page {context.Request.Path}"));
    }

    private static async Task Serve(HttpContext context, IFileProvider webRoot, WorkbenchPage page, ConcurrentDictionary<string, string> rendered)
    {
        if (!rendered.TryGetValue(page.Path, out var html))
        {
            var file = webRoot.GetFileInfo($"{WorkbenchLayout.FragmentFolder}/{page.Fragment}");
            if (!file.Exists || file.IsDirectory)
            {
                await RequestProtection.Problem(context, StatusCodes.Status404NotFound, "path", $"the page {page.Path} is missing from the workbench's files");
                return;
            }
            string body;
            await using (var stream = file.CreateReadStream())
            using (var reader = new StreamReader(stream))
                body = await reader.ReadToEndAsync(context.RequestAborted);
            // Two first requests at once both render; they render the same text, and the first one kept wins.
            html = rendered.GetOrAdd(page.Path, WorkbenchLayout.Render(page, body));
        }
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.CacheControl = "no-cache";
        await context.Response.WriteAsync(html, context.RequestAborted);
    }
}
