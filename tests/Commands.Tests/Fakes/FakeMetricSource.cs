using ChatOpsRelease.Commands.Analysis;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Commands.Tests.Fakes;

/// <summary>Answers what it is told to and records every window it was asked for.</summary>
internal sealed class FakeMetricSource(string name = "sandbox") : IMetricSource
{
    private readonly List<(string App, string ReleaseId, MetricWindow Window)> _calls = [];

    public string Name => name;

    public IReadOnlyList<(string App, string ReleaseId, MetricWindow Window)> Calls => _calls;

    /// <summary>What the next fetches answer; by default "no data".</summary>
    public Func<MetricWindow, MetricsResult> Answer { get; set; } = _ => MetricsResult.Missing("the fake source has nothing");

    public Task<MetricsResult> FetchAsync(AppSpec app, Release release, MetricWindow window, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(release);
        _calls.Add((app.Name, release.Id, window));
        return Task.FromResult(Answer(window));
    }
}

/// <summary>Returns a few bytes for a chart and records what it was asked to draw, or throws when told to.</summary>
internal sealed class FakeChartRenderer : IChartRenderer
{
    public static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47];

    public List<(ComparisonData Data, Verdict Verdict, string Title)> Calls { get; } = [];

    public Exception? Failure { get; set; }

    public byte[] Render(ComparisonData data, Verdict verdict, string title, IReadOnlyList<GateReading>? gates = null)
    {
        if (Failure is not null)
        {
            throw Failure;
        }

        Calls.Add((data, verdict, title));
        return Png;
    }
}
