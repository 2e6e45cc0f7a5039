namespace ChatOpsRelease.Bot.Metrics.Prometheus;

/// <summary>
/// Prometheus as a metric source (name <c>prometheus</c>). Section <c>Metrics:Prometheus</c>; the source exists when
/// <see cref="Url"/> is set. The three PromQL templates are filled per side with <c>{app}</c>, <c>{namespace}</c>,
/// <c>{track}</c> (<c>stable</c> or <c>canary</c>), <c>{version}</c>, <c>{window}</c> (the rate window),
/// <c>{step}</c>, <c>{errors}</c> (<see cref="ErrorCodes"/>) and, in <see cref="Latency"/>, <c>{quantile}</c>.
/// An app may replace any of them under <c>Apps:&lt;app&gt;:Prometheus</c> (see <see cref="PrometheusQueries"/>).
/// </summary>
public sealed class PrometheusOptions
{
    public const string Section = "Metrics:Prometheus";

    public const string DefaultRequests = """sum(rate(http_requests_total{app="{app}",namespace="{namespace}",track="{track}"}[{window}]))""";

    public const string DefaultErrors = """sum(rate(http_requests_total{app="{app}",namespace="{namespace}",track="{track}",code=~"{errors}"}[{window}]))""";

    public const string DefaultLatency = """histogram_quantile({quantile}, sum by (le) (rate(http_request_duration_seconds_bucket{app="{app}",namespace="{namespace}",track="{track}"}[{window}])))""";

    /// <summary>The server's base address, e.g. <c>http://prometheus:9090/</c> (a path prefix is kept).</summary>
    public string? Url { get; set; }

    /// <summary>Timeout of one HTTP request to Prometheus.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The shortest rate window. <c>{window}</c> is the larger of the step and this: a window of one step makes each
    /// bucket count exactly its own interval; this floor keeps at least a few scrapes in every window.
    /// </summary>
    public TimeSpan MinRateWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>A regular expression over the <c>code</c> label: which responses are errors.</summary>
    public string ErrorCodes { get; set; } = "5..";

    /// <summary>Requests per second of one side.</summary>
    public string Requests { get; set; } = DefaultRequests;

    /// <summary>Failed requests per second of one side.</summary>
    public string Errors { get; set; } = DefaultErrors;

    /// <summary>One latency quantile (seconds) of one side.</summary>
    public string Latency { get; set; } = DefaultLatency;

    /// <summary>The queries of the resource and availability gate metrics (<c>Metrics:Prometheus:Resources</c>).</summary>
    public PrometheusResourceQueries Resources { get; set; } = PrometheusResourceQueries.Defaults();

    /// <summary>The apps' own queries, from <c>Apps:&lt;app&gt;:Prometheus</c>, keyed by app name.</summary>
    internal Dictionary<string, PrometheusQueries> AppQueries { get; } = new(StringComparer.OrdinalIgnoreCase);

    public bool Enabled => !string.IsNullOrWhiteSpace(Url);

    /// <summary>The templates <paramref name="app"/> uses: its own where it has them, the global ones elsewhere.</summary>
    internal PrometheusQueries QueriesFor(string app)
    {
        var own = AppQueries.GetValueOrDefault(app);
        return new PrometheusQueries
        {
            ErrorCodes = own?.ErrorCodes ?? ErrorCodes,
            Requests = own?.Requests ?? Requests,
            Errors = own?.Errors ?? Errors,
            Latency = own?.Latency ?? Latency,
            Resources = Resources.With(own?.Resources),
        };
    }
}

/// <summary>
/// An app's own PromQL, bound from <c>Apps:&lt;app&gt;:Prometheus</c>; what it leaves out comes from
/// <c>Metrics:Prometheus</c>. For example <c>Apps__checkout__Prometheus__ErrorCodes=5..|429</c>.
/// </summary>
public sealed class PrometheusQueries
{
    public string? ErrorCodes { get; set; }

    public string? Requests { get; set; }

    public string? Errors { get; set; }

    public string? Latency { get; set; }

    /// <summary>The app's own resource and availability queries (<c>Apps:&lt;app&gt;:Prometheus:Resources</c>).</summary>
    public PrometheusResourceQueries? Resources { get; set; }
}
