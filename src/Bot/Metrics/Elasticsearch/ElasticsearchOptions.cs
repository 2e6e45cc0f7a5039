namespace ChatOpsRelease.Bot.Metrics.Elasticsearch;

/// <summary>Which field tells a document's side: its track label (<c>stable</c>/<c>canary</c>) or its version.</summary>
public enum ElasticsearchSideField
{
    Track,
    Version,
}

/// <summary>The unit the duration field is stored in (ECS <c>event.duration</c> is in nanoseconds).</summary>
public enum ElasticsearchDurationUnit
{
    Nanoseconds,
    Microseconds,
    Milliseconds,
    Seconds,
}

/// <summary>
/// Elasticsearch access logs as a metric source (name <c>elasticsearch</c>). Section <c>Metrics:Elasticsearch</c>;
/// the source exists when <see cref="Url"/> is set. Field names default to the Elastic Common Schema. Credentials
/// (<see cref="ApiKey"/>, or <see cref="Username"/> and <see cref="Password"/>) are never logged; give them as
/// environment variables or secret files.
/// </summary>
public sealed class ElasticsearchOptions
{
    public const string Section = "Metrics:Elasticsearch";

    /// <summary>The node to search, e.g. <c>https://elasticsearch:9200</c>.</summary>
    public string? Url { get; set; }

    /// <summary>An API key (the base64 <c>encoded</c> value), sent as <c>Authorization: ApiKey …</c>.</summary>
    public string? ApiKey { get; set; }

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>The indices (or data streams, or aliases) searched; a comma separates several.</summary>
    public string IndexPattern { get; set; } = "logs-*";

    public string Timestamp { get; set; } = "@timestamp";

    public string StatusCode { get; set; } = "http.response.status_code";

    /// <summary>Whether documents are told apart by <see cref="Track"/> or by <see cref="Version"/>.</summary>
    public ElasticsearchSideField SideBy { get; set; } = ElasticsearchSideField.Track;

    /// <summary>A keyword field holding <c>stable</c> or <c>canary</c> (used when <see cref="SideBy"/> is Track).</summary>
    public string Track { get; set; } = "labels.track";

    /// <summary>A keyword field holding the version (used when <see cref="SideBy"/> is Version).</summary>
    public string Version { get; set; } = "service.version";

    /// <summary>The request's duration, in <see cref="DurationUnit"/>.</summary>
    public string Duration { get; set; } = "event.duration";

    public ElasticsearchDurationUnit DurationUnit { get; set; } = ElasticsearchDurationUnit.Nanoseconds;

    /// <summary>A keyword field holding the app's name.</summary>
    public string App { get; set; } = "service.name";

    /// <summary>A keyword field holding the app's namespace, e.g. <c>kubernetes.namespace</c>; not filtered on when empty.</summary>
    public string? Namespace { get; set; }

    /// <summary>Responses with this status code or higher are errors.</summary>
    public int ErrorStatusFrom { get; set; } = 500;

    /// <summary>Kibana's base address for Discover links, e.g. <c>https://kibana.example</c>; no link when empty.</summary>
    public string? KibanaUrl { get; set; }

    /// <summary>The id of the Kibana data view Discover opens; Kibana's default data view when empty.</summary>
    public string? KibanaDataView { get; set; }

    /// <summary>Timeout of one search.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    public bool Enabled => !string.IsNullOrWhiteSpace(Url);

    /// <summary>The field the sides are told apart by.</summary>
    internal string SideFieldName => SideBy == ElasticsearchSideField.Track ? Track : Version;

    /// <summary>How many units of <see cref="Duration"/> make a second.</summary>
    internal double DurationUnitsPerSecond => DurationUnit switch
    {
        ElasticsearchDurationUnit.Nanoseconds => 1e9,
        ElasticsearchDurationUnit.Microseconds => 1e6,
        ElasticsearchDurationUnit.Milliseconds => 1e3,
        _ => 1,
    };
}
