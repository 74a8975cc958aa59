using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.FileProviders;

namespace Goodhart.Web.Workbench.Pages;

/// <summary>
/// Serves each page of <see cref="WorkbenchLayout.Pages"/> at its path (the home page also at <c>/</c>), rendered from
/// its fragment in the web root's <c>pages/</c> folder; the fragments themselves are not served. A missing fragment is
/// a JSON 404 naming the page, like every other error of the workbench.
/// </summary>
internal static class WorkbenchPageEndpoints
{
    public static void Map(WebApplication app, IFileProvider webRoot)
    {
        foreach (var page in WorkbenchLayout.Pages)
        {
            var handler = (HttpContext context) => Serve(context, webRoot, page);
            app.MapGet(page.Path, handler);
            if (page.Path == "/index.html")
                app.MapGet("/", handler);
        }
        app.MapGet($"/{WorkbenchLayout.FragmentFolder}/{{**rest}}", (HttpContext context) =>
            RequestProtection.Problem(context, StatusCodes.Status404NotFound, "path", $"no page {context.Request.Path}"));
    }

    private static async Task Serve(HttpContext context, IFileProvider webRoot, WorkbenchPage page)
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
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.CacheControl = "no-cache";
        await context.Response.WriteAsync(WorkbenchLayout.Render(page, body), context.RequestAborted);
    }
}
