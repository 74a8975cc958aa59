using Goodhart.Core.Environments;
using Goodhart.Core.Runs;
using Goodhart.Web.Workbench.Game;
using Goodhart.Web.Workbench.Rating;
using Goodhart.Web.Workbench.Runs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Goodhart.Web.Workbench;

/// <summary>
/// The web workbench (<c>goodhart web</c>): static pages from <c>wwwroot</c> and a JSON API for the reward-hacking
/// game, the rating session and the run browser, over the same run store as the CLI. Binds to loopback unless the
/// options name another address.
/// </summary>
public static class WorkbenchApp
{
    /// <summary>Largest request body accepted (every request of the workbench is small).</summary>
    public const long MaxRequestBodyBytes = 64 * 1024;

    /// <summary>Builds the app (not started). <paramref name="rating"/> is null when no rating service is wired.</summary>
    public static WebApplication Build(WorkbenchOptions options, IRatingSessionFactory? rating = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        // Not redundant with `goodhart web`'s parse-time --port check: Build is public and any caller (the tests, a
        // host embedding the workbench) passes options directly; without it a bad port is Kestrel's
        // ArgumentOutOfRangeException at start, after the store was opened (WorkbenchPortTests).
        if (options.Port is < 0 or > 65535)
            throw new Core.UserInputException($"port must be between 0 and 65535, got {options.Port}");
        if (!Directory.Exists(options.WebRoot))
            throw new Core.UserInputException($"the workbench's pages are missing: no folder {options.WebRoot}");
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls($"http://{Authority(options.Host, options.Port)}");
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
        Http.HttpEdge.ConfigureKestrel(builder.WebHost, options.Edge);
        builder.Services.AddAntiforgery(a =>
        {
            a.HeaderName = RequestProtection.TokenHeader;
            a.Cookie.Name = "goodhart.antiforgery";
            a.Cookie.SameSite = SameSiteMode.Strict;
        });
        var store = RunStore.Open(options.StorePath);
        builder.Services.AddSingleton(store);
        builder.Services.AddSingleton(options.Limits);
        builder.Services.AddSingleton(EnvironmentCatalog.Default());
        builder.Services.AddSingleton<GameTrainingService>();
        builder.Services.AddSingleton<PlotCache>();
        builder.Services.AddSingleton<Misgeneralization.MisgeneralizationService>();
        builder.Services.AddSingleton(new RatingService(rating, options.Limits));
        builder.Services.AddSingleton(_ => new Debate.DebateService(options.Debate));
        builder.Services.AddSingleton(new Overseer.OverseerService(options.Limits));
        builder.Services.ConfigureHttpJsonOptions(j => j.SerializerOptions.Converters.Add(new FiniteDoubleConverter()));

        var app = builder.Build();
        app.Lifetime.ApplicationStopped.Register(() =>
        {
            app.Services.GetRequiredService<GameTrainingService>().Drain(TimeSpan.FromSeconds(10));
            store.Dispose();
        });
        Http.HttpEdge.Use(app, Http.HostAllowList.Create([options.Host], options.Edge.AllowedHosts), options.Edge,
            (context, status, code, message) => RequestProtection.Problem(context, status, code switch
            {
                "host" => "Host",
                "server_error" => "server",
                _ => "body",
            }, message));
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'";
            headers["Referrer-Policy"] = "same-origin";
            await next(context);
        });
        app.UseMiddleware<RequestProtection>();
        var files = new PhysicalFileProvider(Path.GetFullPath(options.WebRoot));
        app.UseStaticFiles(new StaticFileOptions { FileProvider = files });

        app.MapGet("/api/antiforgery", (HttpContext context, Microsoft.AspNetCore.Antiforgery.IAntiforgery antiforgery) =>
        {
            var tokens = antiforgery.GetAndStoreTokens(context);
            context.Response.Headers.CacheControl = "no-store";
            return Results.Json(new { header = RequestProtection.TokenHeader, token = tokens.RequestToken }, JsonBody.Options);
        });
        app.MapGet("/api/info", (RunStore s) => Results.Json(new { store = s.Path, version = RunStore.CodeVersion }, JsonBody.Options));
        Pages.WorkbenchPageEndpoints.Map(app, files);
        GameEndpoints.Map(app);
        RunEndpoints.Map(app);
        RatingEndpoints.Map(app);
        Overseer.OverseerEndpoints.Map(app);
        Misgeneralization.MisgeneralizationEndpoints.Map(app);
        Debate.DebateEndpoints.Map(app);
        Sae.SaeEndpoints.Map(app);
        app.MapFallback("/api/{**rest}", (HttpContext context) =>
            RequestProtection.Problem(context, StatusCodes.Status404NotFound, "path", $"no API endpoint {context.Request.Method} {context.Request.Path}"));
        return app;
    }

    /// <summary>The address the server listens on, after start (the real port when 0 was asked for).</summary>
    public static Uri Address(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var server = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>();
        var addresses = server.Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()?.Addresses;
        return new Uri(addresses?.FirstOrDefault() ?? throw new InvalidOperationException("the server has not started"));
    }

    /// <summary>True for 127.0.0.1, ::1 and localhost.</summary>
    public static bool IsLoopback(string host) =>
        host == "localhost" || (System.Net.IPAddress.TryParse(host, out var ip) && System.Net.IPAddress.IsLoopback(ip));

    private static string Authority(string host, int port) =>
        System.Net.IPAddress.TryParse(host, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
            ? $"[{host}]:{port}"
            : $"{host}:{port}";
}
