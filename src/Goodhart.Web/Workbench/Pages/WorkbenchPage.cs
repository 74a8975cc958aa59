namespace Goodhart.Web.Workbench.Pages;

/// <summary>
/// One page of the workbench: where it is served, the body fragment it is made of (<c>wwwroot/pages/</c>), its title,
/// its label in the site's navigation (null: not in the navigation) and its own script (null: none).
/// </summary>
/// <param name="Path">The URL path the page is served at, e.g. <c>/game.html</c>.</param>
/// <param name="Fragment">The file under <c>wwwroot/pages/</c> holding the page's <c>main</c> and <c>footer</c>.</param>
/// <param name="Title">The page's title, before " · Goodhart workbench".</param>
/// <param name="NavLabel">The page's link text in the navigation, or null when the page is not listed there.</param>
/// <param name="Script">The page's own script (deferred), or null.</param>
public sealed record WorkbenchPage(string Path, string Fragment, string Title, string? NavLabel, string? Script);
