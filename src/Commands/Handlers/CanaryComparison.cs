using System.Globalization;
using ChatOpsRelease.Commands.Analysis;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;
using Microsoft.Extensions.Logging;

namespace ChatOpsRelease.Commands.Handlers;

/// <summary>One comparison: the verdict, the text that explains it (table and queries), and the chart when there is data.</summary>
public sealed record ComparisonReport(Verdict Verdict, string Text, ReplyImage? Image);

/// <summary>
/// Compares a release's canary with its stable version: fetches both from the app's metric source, judges, draws the
/// chart and keeps the verdict with the release. Used by <c>compare</c> and by the watch of a baking plan step.
/// </summary>
public sealed partial class CanaryComparison(
    MetricSourceSet sources,
    IChartRenderer charts,
    IReleaseStore store,
    TimeProvider time,
    ILogger<CanaryComparison> logger,
    IAnalysisMetrics metrics,
    IGateMetrics gates)
{
    /// <summary>Why the app cannot be compared at all (no such metric source), or null.</summary>
    public string? MissingSource(AppSpec app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (sources.For(app) is not null)
        {
            return null;
        }

        var known = sources.Names.Count == 0 ? "none is configured" : $"known sources: {string.Join(", ", sources.Names.Order(StringComparer.Ordinal))}";
        return $"No metric source named `{app.Metrics}` is configured for {app.Name} (Apps:{app.Name}:Metrics); {known}.";
    }

    /// <summary>
    /// Compares over <paramref name="window"/> (the app's default when null): errors and latency always, and the app's other
    /// gate metrics — those named in <paramref name="only"/> when it names any (a plan step's gates).
    /// </summary>
    public async Task<ComparisonReport> RunAsync(AppSpec app, Release release, TimeSpan? window, CancellationToken cancellationToken, IReadOnlyCollection<string>? only = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(release);
        var source = sources.For(app) ?? throw new InvalidOperationException(MissingSource(app));
        var now = time.GetUtcNow();
        var length = window ?? app.Analysis.DefaultWindow;
        var metricWindow = MetricWindow.Ending(now, length);
        var resultTask = FetchAsync(source, app, release, metricWindow, cancellationToken);
        var wanted = app.Analysis.Metrics.Where(m => m.Kind != GateMetricKind.Errors && (only is not { Count: > 0 } || only.Contains(m.Name, StringComparer.OrdinalIgnoreCase))).ToList();
        var readingsTask = Task.WhenAll(wanted.Select(m => ReadGateAsync(app, release, m, metricWindow, cancellationToken)));
        var result = await resultTask.ConfigureAwait(false);
        var readings = await readingsTask.ConfigureAwait(false);
        var rows = readings.Select(r => GateJudge.Judge(r.Metric, r.Reading)).ToList();
        var errors = CanaryJudge.Judge(result.Data, result.NoData, app.Analysis);
        var verdict = GateVerdict.Combine(errors, rows);
        metrics.Judged(verdict.Outcome);
        var span = $"last {Texts.Duration(length)}";
        var (stable, canary) = result.Data is { } found ? (found.Stable.Version, found.Canary.Version) : (release.FromVersion, release.ToVersion);
        var where = release.Waves.Count > 1 ? $" in {release.Cluster}" : string.Empty;
        var title = $"{app.Name} {stable} (stable) vs {canary} (canary){where} — {span}";

        var fileName = $"compare-{app.Name}-{release.Id}-{now.UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture)}.png";
        var (image, chartProblem) = result.Data is { } data ? Draw(data, verdict, title, fileName, readings) : (null, null);
        IReadOnlyList<GateRow> table = rows.Count == 0 ? [] : [GateVerdict.ErrorsRow(errors), .. rows];
        await RecordAsync(release.Id, verdict, now, span, table, cancellationToken).ConfigureAwait(false);

        var heading = $"{title} (release {release.Id}, {ReleaseRules.Describe(release.State)})";
        return new ComparisonReport(verdict, CompareReply.Text(heading, result.Data, verdict, chartProblem, table), image);
    }

    /// <summary>One gate metric's reading; a reader that throws is no data, so the metric is Inconclusive, never Pass.</summary>
    private async Task<GateReading> ReadGateAsync(AppSpec app, Release release, GateMetric metric, MetricWindow window, CancellationToken cancellationToken)
    {
        try
        {
            return new GateReading(metric, await gates.ReadAsync(app, release, metric, window, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogGateFailed(logger, metric.Name, app.Name, ex);
            return new GateReading(metric, MetricReading.Missing($"reading {metric.Name} failed ({ex.GetType().Name}); the bot's log has the details"));
        }
    }

    /// <summary>
    /// The source's answer. Sources answer "no data" when they are down; one that throws instead is no data too, so that
    /// a comparison — and the watch that acts on it — is Inconclusive, never Pass, whatever went wrong.
    /// </summary>
    private async Task<MetricsResult> FetchAsync(IMetricSource source, AppSpec app, Release release, MetricWindow window, CancellationToken cancellationToken)
    {
        try
        {
            return await source.FetchAsync(app, release, window, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogSourceFailed(logger, source.Name, app.Name, ex);
            return MetricsResult.Missing($"the {source.Name} metric source failed ({ex.GetType().Name}); the bot's log has the details");
        }
    }

    /// <summary>The chart, or why there is none: a chart that cannot be drawn must not cost the verdict.</summary>
    private (ReplyImage? Image, string? Problem) Draw(ComparisonData data, Verdict verdict, string title, string fileName, IReadOnlyList<GateReading> readings)
    {
        try
        {
            var png = charts.Render(data, verdict, title, readings);
            var alt = $"Chart of requests, error rates and p95 latency of {title}. {verdict.Headline}";
            return (new ReplyImage(fileName, png, alt, title), null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogChartFailed(logger, title, ex);
            return (null, "The chart could not be drawn; the bot's log says why.");
        }
    }

    /// <summary>Keeps the verdict with the release, unless a later comparison got there first.</summary>
    private Task RecordAsync(string releaseId, Verdict verdict, DateTimeOffset now, string span, IReadOnlyList<GateRow> rows, CancellationToken cancellationToken) =>
        store.UpdateAsync(releaseId, stored =>
        {
            if (stored.LastVerdict is { } newer && newer.At > now)
            {
                return false;
            }

            stored.LastVerdict = new VerdictRecord
            {
                Outcome = verdict.Outcome, Headline = verdict.Headline, At = now, Window = span,
                Gates = [.. rows.Select(r => new GateRecord { Name = r.Name, Outcome = r.Outcome, Stable = r.Stable, Canary = r.Canary, Reason = r.Reason })],
            };
            return true;
        }, cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The {Source} metric source failed to fetch the metrics of {App}")]
    private static partial void LogSourceFailed(ILogger logger, string source, string app, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the gate metric {Metric} of {App} failed")]
    private static partial void LogGateFailed(ILogger logger, string metric, string app, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not draw the chart '{Title}'")]
    private static partial void LogChartFailed(ILogger logger, string title, Exception exception);
}
