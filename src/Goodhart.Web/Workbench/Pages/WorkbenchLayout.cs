using System.Net;
using System.Text;

namespace Goodhart.Web.Workbench.Pages;

/// <summary>
/// The workbench's pages, declared once, and the layout they share: the head (title, style sheet, the common script and
/// the page's own), the skip link and the site header with the navigation (the current page marked with
/// <c>aria-current</c>). A page's file under <c>wwwroot/pages/</c> holds only what differs: its <c>main</c> and footer.
/// </summary>
public static class WorkbenchLayout
{
    /// <summary>Every page, the home page first, in navigation order.</summary>
    public static IReadOnlyList<WorkbenchPage> Pages { get; } =
    [
        new("/index.html", "index.html", "Home", null, "/js/home.js"),
        new("/game.html", "game.html", "Reward-hacking game", "Reward-hacking game", "/js/game.js"),
        new("/rater.html", "rater.html", "Be the rater", "Be the rater", "/js/rater.js"),
        new("/overseer.html", "overseer.html", "Be the overseer", "Be the overseer", "/js/overseer.js"),
        new("/misgeneralization.html", "misgeneralization.html", "Goal misgeneralization", "Goal misgeneralization", "/js/misgeneralization.js"),
        new("/debate.html", "debate.html", "Judge a debate", "Judge a debate", "/js/debate.js"),
        new("/sae.html", "sae.html", "SAE features", "SAE features", "/js/sae.js"),
        new("/runs.html", "runs.html", "Runs", "Runs", "/js/runs.js"),
    ];

    /// <summary>The folder under the web root that holds the pages' fragments.</summary>
    public const string FragmentFolder = "pages";

    /// <summary>The whole HTML document of <paramref name="page"/> around its fragment <paramref name="body"/>.</summary>
    public static string Render(WorkbenchPage page, string body)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(body);
        var html = new StringBuilder(body.Length + 2048);
        html.Append("<!doctype html>\n<html lang=\"en\">\n<head>\n")
            .Append("  <meta charset=\"utf-8\">\n")
            .Append("  <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("  <title>").Append(WebUtility.HtmlEncode(page.Title)).Append(" · Goodhart workbench</title>\n")
            .Append("  <link rel=\"stylesheet\" href=\"/css/site.css\">\n")
            .Append("  <script src=\"/js/common.js\" defer></script>\n");
        if (page.Script is not null)
            html.Append("  <script src=\"").Append(WebUtility.HtmlEncode(page.Script)).Append("\" defer></script>\n");
        html.Append("</head>\n<body>\n")
            .Append("  <a class=\"skip\" href=\"#main\">Skip to content</a>\n")
            .Append("  <header class=\"site\">\n    <div class=\"bar\">\n")
            .Append("      <a class=\"brand\" href=\"/\">Goodhart workbench</a>\n")
            .Append("      <nav aria-label=\"Main\">\n        <ul>\n");
        foreach (var link in Pages.Where(p => p.NavLabel is not null))
        {
            html.Append("          <li><a href=\"").Append(WebUtility.HtmlEncode(link.Path)).Append('"');
            if (link.Path == page.Path)
                html.Append(" aria-current=\"page\"");
            html.Append('>').Append(WebUtility.HtmlEncode(link.NavLabel)).Append("</a></li>\n");
        }
        html.Append("        </ul>\n      </nav>\n    </div>\n  </header>\n")
            .Append(body.TrimEnd('\n')).Append('\n')
            .Append("</body>\n</html>\n");
        return html.ToString();
    }
}
