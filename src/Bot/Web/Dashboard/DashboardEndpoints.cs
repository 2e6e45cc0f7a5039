using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using ChatOpsRelease.Commands.Ports;
using Hangfire.Dashboard;
using Microsoft.Extensions.Options;

namespace ChatOpsRelease.Bot.Web.Dashboard;

internal static class DashboardEndpoints
{
    /// <summary>
    /// <c>/</c> (the releases in progress), <c>/releases/{id}</c> (one release's history), its chart, and <c>/events</c>
    /// (a server-sent event whenever a release changes), all behind <see cref="DashboardAccess"/>.
    /// </summary>
    public static WebApplication MapDashboardEndpoints(this WebApplication app)
    {
        if (DashboardServiceCollectionExtensions.IsOidc(app.Configuration))
        {
            app.UseAuthentication();
        }

        var access = app.Services.GetRequiredService<DashboardAccess>();
        var pages = app.MapGroup(string.Empty).AddEndpointFilter(async (context, next) =>
            await access.AdmitAsync(context.HttpContext).ConfigureAwait(false) ? await next(context).ConfigureAwait(false) : Results.Empty);

        pages.MapGet("/", async (DashboardReader reader, HttpContext context, CancellationToken cancellationToken) =>
            Page(context, DashboardPage.Render(await reader.OverviewAsync(cancellationToken).ConfigureAwait(false))));
        pages.MapGet("/releases/{id}", async (string id, DashboardReader reader, HttpContext context, CancellationToken cancellationToken) =>
            await reader.HistoryAsync(id, cancellationToken).ConfigureAwait(false) is { } history
                ? Page(context, ReleaseHistoryPage.Render(history))
                : Results.NotFound());
        pages.MapGet("/releases/{id}/chart.png", async (string id, DashboardChart chart, HttpContext context, CancellationToken cancellationToken) =>
        {
            context.Response.Headers.CacheControl = "no-store";
            return await chart.RenderAsync(id, cancellationToken).ConfigureAwait(false) is { } png
                ? Results.File(png, "image/png")
                : Results.NotFound();
        });
        pages.MapGet("/dashboard.js", () => Results.Text(DashboardHtml.Script, "text/javascript"));
        pages.MapGet("/events", (DashboardReader reader, IOptions<WebOptions> options, IHostApplicationLifetime lifetime, TimeProvider time, CancellationToken cancellationToken) =>
            TypedResults.ServerSentEvents(Changes(reader, options.Value.RefreshInterval, time, lifetime.ApplicationStopping, cancellationToken)));
        return app;
    }

    /// <summary>The job dashboard's rule: the same as the release dashboard's.</summary>
    public static IDashboardAuthorizationFilter HangfireAuthorization(IServiceProvider services) =>
        new HangfireDashboardAccess(services.GetRequiredService<DashboardAccess>());

    private static IResult Page(HttpContext context, string html)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self'; style-src 'unsafe-inline'; script-src 'self'; frame-ancestors 'none'";
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = "no-store";
        return Results.Content(html, "text/html; charset=utf-8");
    }

    /// <summary>The store's fingerprint at once and then each time it changes, until the page or the bot goes away.</summary>
    private static async IAsyncEnumerable<SseItem<string>> Changes(
        DashboardReader reader, TimeSpan interval, TimeProvider time, CancellationToken stopping, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var both = CancellationTokenSource.CreateLinkedTokenSource(stopping, cancellationToken);
        string? last = null;
        while (!both.IsCancellationRequested)
        {
            string fingerprint;
            try
            {
                fingerprint = await reader.FingerprintAsync(both.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                yield break;
            }

            if (fingerprint != last)
            {
                last = fingerprint;
                yield return new SseItem<string>(fingerprint, "change");
            }

            try
            {
                await Task.Delay(interval, time, both.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                yield break;
            }
        }
    }

    private sealed class HangfireDashboardAccess(DashboardAccess access) : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) => access.IsAdmitted(context.GetHttpContext());
    }
}
