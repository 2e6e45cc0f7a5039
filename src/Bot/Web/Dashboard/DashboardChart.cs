using ChatOpsRelease.Commands.Analysis;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;
using Microsoft.Extensions.Logging;

namespace ChatOpsRelease.Bot.Web.Dashboard;

/// <summary>
/// Draws a release's canary-vs-stable chart on demand from its app's metric source, over the app's default analysis
/// window, as <c>compare</c> does, but without keeping the verdict: the dashboard only looks.
/// </summary>
internal sealed partial class DashboardChart(
    IReleaseStore store,
    AppCatalog apps,
    MetricSourceSet sources,
    IChartRenderer charts,
    TimeProvider time,
    ILogger<DashboardChart> logger)
{
    /// <summary>The PNG, or null when the release, its app, its source or the data is missing (or the source failed).</summary>
    public async Task<byte[]?> RenderAsync(string releaseId, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(releaseId, cancellationToken).ConfigureAwait(false) is not { } release
            || apps.Find(release.App) is not { } app
            || sources.For(app) is not { } source)
        {
            return null;
        }

        var window = MetricWindow.Ending(time.GetUtcNow(), app.Analysis.DefaultWindow);
        try
        {
            var result = await source.FetchAsync(app, release, window, cancellationToken).ConfigureAwait(false);
            if (result.Data is not { } data)
            {
                return null;
            }

            var verdict = CanaryJudge.Judge(data, result.NoData, app.Analysis);
            return charts.Render(data, verdict, $"{app.Name} {data.Stable.Version} (stable) vs {data.Canary.Version} (canary) in {release.Cluster}");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogChartFailed(logger, release.Id, ex);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The dashboard could not draw the chart of release {ReleaseId}")]
    private static partial void LogChartFailed(ILogger logger, string releaseId, Exception exception);
}
