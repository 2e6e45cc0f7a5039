using ChatOpsRelease.Bot.Observability;
using Microsoft.Extensions.Options;
using Prometheus;

namespace ChatOpsRelease.Bot.Web;

internal static class ObservabilityEndpoints
{
    /// <summary>
    /// The bot's Prometheus metrics (the job queue's depth read at each scrape) and <c>/readyz</c>: 200 with each
    /// check's status when the store, the job queue and the cluster answer, 503 naming what did not.
    /// </summary>
    public static WebApplication MapObservabilityEndpoints(this WebApplication app)
    {
        var metrics = app.Services.GetRequiredService<BotMetrics>();
        app.Services.GetRequiredService<QueueDepth>().ReadOnScrape();
        var options = app.Services.GetRequiredService<IOptions<ObservabilityOptions>>().Value;
        app.MapMetrics(options.MetricsPath, metrics.Registry);
        app.MapGet("/readyz", async (Readiness readiness, CancellationToken cancellationToken) =>
        {
            var checks = await readiness.CheckAsync(cancellationToken).ConfigureAwait(false);
            var ready = checks.All(c => c.Ready);
            var body = new
            {
                status = ready ? "ready" : "not ready",
                failed = checks.Where(c => !c.Ready).Select(c => c.Name).ToArray(),
                checks = checks.ToDictionary(c => c.Name, c => c.Status),
            };
            return Results.Json(body, statusCode: ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
        return app;
    }
}
