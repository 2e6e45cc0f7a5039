using ChatOpsRelease.Bot.Kubernetes;
using ChatOpsRelease.Commands.Analysis;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;
using ChatOpsRelease.Sandbox;

namespace ChatOpsRelease.Bot.Metrics.Sandbox;

/// <summary>
/// The built-in sandbox's simulated traffic as a metric source: each bucket of the window, per side (<c>stable</c> or
/// <c>canary</c> by the pods' <c>track</c> label), counts added up across versions and the largest latency quantile
/// kept, read from the sandbox of the release's cluster (the main one when the release names none). Only the sandbox
/// has this data; on a real cluster, or for a side that had no ready pods in the window, the answer is "no data" with
/// the reason. Pods that were ready but got no requests are a real zero.
/// </summary>
internal sealed partial class SandboxMetricSource(ClusterConnection cluster, ILogger<SandboxMetricSource> logger) : IMetricSource
{
    public const string SourceName = "sandbox";

    public string Name => SourceName;

    public Task<MetricsResult> FetchAsync(AppSpec app, Release release, MetricWindow window, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(release);
        ArgumentNullException.ThrowIfNull(window);
        cancellationToken.ThrowIfCancellationRequested();
        if (cluster.Sandbox is null)
        {
            return Task.FromResult(MetricsResult.Missing(
                $"the sandbox metric source only has data on the built-in sandbox cluster, and the bot runs on {cluster.Info.Name}; set Apps:{app.Name}:Metrics to prometheus or elasticsearch"));
        }

        if (cluster.SandboxFor(release.Cluster) is not { } sandbox)
        {
            return Task.FromResult(MetricsResult.Missing(
                $"the release ran on cluster {release.Cluster}, which the sandbox does not simulate (it simulates {string.Join(", ", cluster.Clusters.Select(c => c.Name))})"));
        }

        if (!sandbox.Traffic.Enabled)
        {
            return Task.FromResult(MetricsResult.Missing("the sandbox does not simulate traffic (Sandbox:Traffic:Enabled is false)"));
        }

        var result = Read(sandbox.Traffic, app, release, window);
        if (result.Data is null)
        {
            LogNoTraffic(logger, app.Name, result.NoData!);
        }

        return Task.FromResult(result);
    }

    /// <summary>Both sides of <paramref name="app"/>'s simulated traffic over the window, or why there is nothing to compare.</summary>
    public static MetricsResult Read(SandboxTraffic traffic, AppSpec app, Release release, MetricWindow window)
    {
        ArgumentNullException.ThrowIfNull(traffic);
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(release);
        ArgumentNullException.ThrowIfNull(window);
        var buckets = traffic.Query(app.Namespace, app.Deployment, window.From, window.To, window.Step);
        var stable = Side(buckets, "stable", release.FromVersion);
        var canary = Side(buckets, "canary", release.ToVersion);
        foreach (var (side, words) in new[] { (stable, "the stable version"), (canary, "the canary") })
        {
            if (side.Buckets.Count == 0)
            {
                return MetricsResult.Missing($"the sandbox saw no requests to {words} of {app.Name} in the last {MetricTexts.Length(window.Length)}");
            }
        }

        var query = $"sandbox traffic of {app.Namespace}/{app.Deployment}, by the pods' track label, {MetricTexts.Length(window.Step)} buckets";
        return MetricsResult.Found(new ComparisonData(stable, canary, window, query));
    }

    private static VersionSeries Side(IReadOnlyList<SandboxTrafficBucket> buckets, string track, string version) =>
        new(track, version, buckets
            .Where(b => b.Track == track)
            .GroupBy(b => b.Start)
            .OrderBy(g => g.Key)
            .Select(g => new MetricBucket(g.Key, g.Sum(b => b.Requests), g.Sum(b => b.Errors), Max(g, b => b.P50), Max(g, b => b.P95), Max(g, b => b.P99)))
            .ToList());

    private static double? Max(IEnumerable<SandboxTrafficBucket> buckets, Func<SandboxTrafficBucket, double?> quantile) =>
        buckets.Select(quantile).Where(q => q is not null).DefaultIfEmpty(null).Max();

    [LoggerMessage(Level = LogLevel.Information, Message = "No sandbox metrics for {App}: {Reason}")]
    private static partial void LogNoTraffic(ILogger logger, string app, string reason);
}
