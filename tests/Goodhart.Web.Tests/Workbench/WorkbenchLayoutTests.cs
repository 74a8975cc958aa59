using System.Net;
using System.Text.RegularExpressions;
using Goodhart.Web.Workbench.Pages;

namespace Goodhart.Web.Tests.Workbench;

/// <summary>The pages share one layout: each is served whole from its fragment, with its title, its script and the navigation.</summary>
public sealed partial class WorkbenchLayoutTests
{
    private static string Fragments => Path.Combine(AppContext.BaseDirectory, "wwwroot", WorkbenchLayout.FragmentFolder);

    [Fact]
    public async Task Every_page_is_served_whole_with_its_title_its_script_and_itself_marked_current_in_the_navigation()
    {
        await using var server = await WorkbenchServer.StartAsync();
        foreach (var page in WorkbenchLayout.Pages)
        {
            var response = await server.Client.GetAsync(page.Path);
            var html = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{page.Path}: {response.StatusCode} {html}");
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            Assert.StartsWith("<!doctype html>", html, StringComparison.Ordinal);
            Assert.Contains($"<title>{page.Title} · Goodhart workbench</title>", html, StringComparison.Ordinal);
            Assert.Contains($"<script src=\"{page.Script}\" defer></script>", html, StringComparison.Ordinal);
            // One main, one footer (the fragment's), and the navigation links every listed page once.
            Assert.Single(MainTag().Matches(html));
            Assert.Single(FooterTag().Matches(html));
            foreach (var link in WorkbenchLayout.Pages.Where(p => p.NavLabel is not null))
                Assert.Single(Regex.Matches(html, $"<li><a href=\"{Regex.Escape(link.Path)}\"( aria-current=\"page\")?>"));
            var current = CurrentLink().Matches(html).Select(m => m.Groups[1].Value).ToList();
            Assert.Equal(page.NavLabel is null ? [] : [page.Path], current);
            Assert.EndsWith("</html>\n", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_root_is_the_home_page_and_the_fragments_are_not_served_raw()
    {
        await using var server = await WorkbenchServer.StartAsync();
        var root = await server.Client.GetStringAsync("/");
        Assert.Equal(await server.Client.GetStringAsync("/index.html"), root);

        var raw = await server.Client.GetAsync($"/{WorkbenchLayout.FragmentFolder}/game.html");
        var error = await server.JsonAsync(raw, HttpStatusCode.NotFound);
        Assert.Equal("path", error.GetProperty("field").GetString());
        // Style sheets and scripts are still plain static files.
        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync("/css/site.css")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync("/js/common.js")).StatusCode);
    }

    [Fact]
    public async Task A_page_is_rendered_from_its_fragment_once_and_kept()
    {
        var root = Path.Combine(Path.GetTempPath(), "goodhart-web-tests", "webroot-" + Guid.NewGuid().ToString("N"));
        var pages = Path.Combine(root, WorkbenchLayout.FragmentFolder);
        Directory.CreateDirectory(pages);
        try
        {
            foreach (var file in Directory.GetFiles(Fragments, "*.html"))
                File.Copy(file, Path.Combine(pages, Path.GetFileName(file)));
            await using var server = await WorkbenchServer.StartAsync(webRoot: root);
            var first = await server.Client.GetStringAsync("/game.html");

            // An edited fragment, and then none at all: the page rendered at the first request is what is served.
            File.WriteAllText(Path.Combine(pages, "game.html"), "<main id=\"main\">edited</main>\n");
            Assert.Equal(first, await server.Client.GetStringAsync("/game.html"));
            File.Delete(Path.Combine(pages, "game.html"));
            Assert.Equal(first, await server.Client.GetStringAsync("/game.html"));

            // A page not yet requested is read at its first request, and a missing one is a 404 until it exists.
            File.Delete(Path.Combine(pages, "rater.html"));
            await server.JsonAsync(await server.Client.GetAsync("/rater.html"), HttpStatusCode.NotFound);
            File.WriteAllText(Path.Combine(pages, "rater.html"), "<main id=\"main\">back</main>\n");
            Assert.Contains("<main id=\"main\">back</main>", await server.Client.GetStringAsync("/rater.html"), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Every_fragment_is_a_declared_page_and_holds_only_its_main_and_footer()
    {
        var files = Directory.GetFiles(Fragments, "*.html").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(WorkbenchLayout.Pages.Select(p => p.Fragment).Order(StringComparer.Ordinal).ToList(), files);
        Assert.Equal(WorkbenchLayout.Pages.Count, WorkbenchLayout.Pages.Select(p => p.Path).Distinct().Count());
        foreach (var file in files)
        {
            var text = File.ReadAllText(Path.Combine(Fragments, file));
            Assert.StartsWith("<main id=\"main\">", text.TrimStart(), StringComparison.Ordinal);
            foreach (var layoutOnly in new[] { "<html", "<head", "<body", "<nav", "<header class=\"site\"", "js/common.js" })
                Assert.DoesNotContain(layoutOnly, text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void Text_from_the_catalog_is_html_encoded()
    {
        var html = WorkbenchLayout.Render(new WorkbenchPage("/x.html", "x.html", "a <b> & c", null, null), "<main id=\"main\"></main>");
        Assert.Contains("<title>a &lt;b&gt; &amp; c · Goodhart workbench</title>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("aria-current", html, StringComparison.Ordinal);
    }

    [GeneratedRegex("<main id=\"main\">")]
    private static partial Regex MainTag();

    [GeneratedRegex("<footer class=\"site\">")]
    private static partial Regex FooterTag();

    [GeneratedRegex("<a href=\"([^\"]+)\" aria-current=\"page\">")]
    private static partial Regex CurrentLink();
}
