using ChatOpsRelease.Sandbox.Simulator;
using ChatOpsRelease.Sandbox.Store;
using ChatOpsRelease.Sandbox.Traffic;
using Microsoft.Extensions.Logging;

namespace ChatOpsRelease.Sandbox;

/// <summary>
/// The sandbox's simulated request traffic. Every <see cref="SandboxTrafficOptions.Tick"/> of the sandbox's clock (a
/// <see cref="TimeProvider"/> timer, so a fake clock drives it as it is advanced) each app — a namespace and
/// <c>app</c> label of a Deployment that a Service selects — receives its requests, split between its stable and
/// canary pods the way its router objects say: the canary Ingress's NGINX annotations, else the HTTPRoute's weighted
/// canary backendRefs and users rule, else the ratio of ready pods. The results are exposed as Prometheus metrics on
/// the API server's <c>/metrics</c> and, per tick, through <see cref="Query"/>. Each tick also adds to the ready pods'
/// simulated CPU (see <see cref="PodUsage"/>) and brings the pods of crashing versions up to date (see
/// <see cref="CrashLoop"/>); <c>/metrics</c> shows the pods' CPU, memory, labels and readiness too.
/// </summary>
public sealed class SandboxTraffic
{
    private static readonly DateTimeOffset Epoch = DateTimeOffset.UnixEpoch;
    private readonly ObjectStore _store;
    private readonly SandboxTrafficOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly TrafficRecorder _recorder;
    private readonly TrafficGenerator _generator;
    private readonly PodUsage _usage;
    private readonly CrashLoop _crashes;
    private readonly Lock _tickGate = new();
    private readonly Dictionary<(string Namespace, string App), TrafficSplit> _splits = [];
    private ITimer? _timer;
    private DateTimeOffset? _simulatedUntil;
    private bool _stopped;

    internal SandboxTraffic(ObjectStore store, SandboxTrafficOptions options, TimeProvider time, ILogger logger)
    {
        _store = store;
        _options = options.Copy();
        _time = time;
        _logger = logger;
        _recorder = new TrafficRecorder(_options.Retention);
        _generator = new TrafficGenerator(_options);
        _usage = new PodUsage(_options);
        _crashes = new CrashLoop(store, _options, logger);
    }

    /// <summary>Whether traffic is simulated (<see cref="SandboxTrafficOptions.Enabled"/>).</summary>
    public bool Enabled => _options.Enabled;

    /// <summary>The end of the last simulated tick; null before the first one (or when disabled).</summary>
    public DateTimeOffset? SimulatedUntil
    {
        get
        {
            lock (_tickGate)
            {
                return _simulatedUntil;
            }
        }
    }

    /// <summary>
    /// An app's traffic over [<paramref name="from"/>, <paramref name="to"/>) in buckets of <paramref name="step"/>
    /// starting at <paramref name="from"/>: for each bucket, one entry per side (track and version) whose pods were
    /// ready in it — requests, errors and latency quantiles (null without requests) of the ticks that began in it.
    /// Buckets where the app had no ticks (not yet simulated, no ready pods, or older than the retention) are left out.
    /// </summary>
    public IReadOnlyList<SandboxTrafficBucket> Query(string @namespace, string app, DateTimeOffset from, DateTimeOffset to, TimeSpan step)
    {
        ArgumentException.ThrowIfNullOrEmpty(@namespace);
        ArgumentException.ThrowIfNullOrEmpty(app);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(step, TimeSpan.Zero);
        return to <= from ? [] : _recorder.Query(@namespace, app, from, to, step);
    }

    internal string RenderMetrics() => PrometheusText.Render(_recorder, _options.Enabled ? PodView.List(_store) : [], _usage);

    internal void Start()
    {
        if (!_options.Enabled)
        {
            return;
        }

        var now = _time.GetUtcNow();
        lock (_tickGate)
        {
            _simulatedUntil = now;
        }

        _timer = _time.CreateTimer(_ => OnTimer(), null, NextBoundary(now) - now, _options.Tick);
        Log.TrafficStarted(_logger, _options.RequestsPerSecond, _options.Tick);
    }

    internal void Stop()
    {
        lock (_tickGate)
        {
            _stopped = true;
        }

        _timer?.Dispose();
    }

    private void OnTimer()
    {
        try
        {
            lock (_tickGate)
            {
                if (!_stopped)
                {
                    Simulate(_time.GetUtcNow());
                }
            }
        }
        catch (Exception e)
        {
            Log.TrafficFailed(_logger, e);
        }
    }

    /// <summary>Simulates every whole tick that ended by <paramref name="now"/>, against the cluster as it is now.</summary>
    private void Simulate(DateTimeOffset now)
    {
        var from = _simulatedUntil ?? now;
        if (now - from > _options.Retention)
        {
            // Ticks older than the retention would be dropped at once: start with the oldest one kept.
            from = Ceiling(now - _options.Retention);
        }

        List<AppTraffic>? apps = null;
        List<PodView> pods = [];
        for (var end = NextBoundary(from); end <= now; from = end, end = NextBoundary(end))
        {
            if (apps is null)
            {
                apps = ReadApps();
                pods = PodView.List(_store);
            }

            var served = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var app in apps)
            {
                var sides = _generator.Run(app, end - from);
                if (sides.Count > 0)
                {
                    _recorder.Record(app.Namespace, app.App, from, sides);
                    PodUsage.Spread(app, sides, served);
                }
            }

            _usage.Advance(pods, served, end - from);
        }

        _simulatedUntil = from;
        if (apps is not null)
        {
            _recorder.Prune(now);
        }

        _crashes.Advance(now);
    }

    private List<AppTraffic> ReadApps()
    {
        var apps = AppDiscovery.Read(_store);
        _generator.Retain(apps);
        var present = apps.Select(a => (a.Namespace, a.App)).ToHashSet();
        foreach (var gone in _splits.Keys.Where(k => !present.Contains(k)).ToList())
        {
            _splits.Remove(gone);
        }

        foreach (var app in apps)
        {
            if (!_splits.TryGetValue((app.Namespace, app.App), out var before) || before != app.Split)
            {
                _splits[(app.Namespace, app.App)] = app.Split;
                Log.TrafficSplit(_logger, app.Namespace, app.App, app.Split.Router, app.Split.CanaryShare, app.Split.UserRule);
            }
        }

        return apps;
    }

    /// <summary>The first tick boundary (a whole number of ticks since the Unix epoch) after <paramref name="time"/>.</summary>
    private DateTimeOffset NextBoundary(DateTimeOffset time) =>
        Epoch + TimeSpan.FromTicks((((time - Epoch).Ticks / _options.Tick.Ticks) + 1) * _options.Tick.Ticks);

    /// <summary>The first tick boundary at or after <paramref name="time"/>.</summary>
    private DateTimeOffset Ceiling(DateTimeOffset time) => NextBoundary(time - TimeSpan.FromTicks(1));
}
