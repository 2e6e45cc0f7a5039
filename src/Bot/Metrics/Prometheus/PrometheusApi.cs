using System.Globalization;
using System.Net;

namespace ChatOpsRelease.Bot.Metrics.Prometheus;

/// <summary>One time series of a range query: its samples in time order (NaN and infinities are null).</summary>
internal sealed record PrometheusSeries(IReadOnlyList<PrometheusSample> Samples);

internal readonly record struct PrometheusSample(DateTimeOffset At, double? Value);

/// <summary>A query Prometheus did not answer (<see cref="Refused"/> false) or answered with <c>status: error</c>.</summary>
internal sealed class PrometheusException(string reason, bool refused) : Exception(reason)
{
    public bool Refused { get; } = refused;

    /// <summary>The PromQL that was sent.</summary>
    public string Query { get; init; } = string.Empty;

    /// <summary>"Prometheus at … did not answer: …", or "… refused the query: … (query: …)".</summary>
    public string Sentence(Uri url) =>
        Refused ? $"Prometheus at {url} refused the query: {Message} (query: {Query})" : $"Prometheus at {url} did not answer: {Message}";
}

/// <summary>
/// Prometheus's HTTP API over a typed <see cref="HttpClient"/> (base address and timeout from
/// <see cref="PrometheusOptions"/>): <c>POST api/v1/query_range</c> with a form body, so long queries fit.
/// </summary>
internal sealed class PrometheusApi(HttpClient http)
{
    /// <summary>Points <paramref name="client"/> at <see cref="PrometheusOptions.Url"/> with <see cref="PrometheusOptions.Timeout"/>.</summary>
    public static void Configure(HttpClient client, PrometheusOptions options)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        var url = options.Url ?? throw new InvalidOperationException($"{PrometheusOptions.Section}:Url is not set.");
        client.BaseAddress = new Uri(url.EndsWith('/') ? url : url + "/", UriKind.Absolute);
        client.Timeout = options.Timeout;
    }

    public Uri BaseAddress => http.BaseAddress ?? new Uri("http://prometheus.invalid/");

    /// <summary>The series <paramref name="query"/> gives from <paramref name="start"/> to <paramref name="end"/> every <paramref name="step"/>.</summary>
    public async Task<IReadOnlyList<PrometheusSeries>> QueryRangeAsync(string query, DateTimeOffset start, DateTimeOffset end, TimeSpan step, CancellationToken cancellationToken)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["query"] = query,
            ["start"] = PrometheusRange.UnixSeconds(start),
            ["end"] = PrometheusRange.UnixSeconds(end),
            ["step"] = step.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture),
        });

        HttpStatusCode status;
        string body;
        try
        {
            using var response = await http.PostAsync(new Uri("api/v1/query_range", UriKind.Relative), form, cancellationToken).ConfigureAwait(false);
            status = response.StatusCode;
            body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new PrometheusException($"no answer within {http.Timeout.TotalSeconds:0.###} s", refused: false) { Query = query };
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            throw new PrometheusException(ex.Message, refused: false) { Query = query };
        }

        try
        {
            return PrometheusAnswer.Read(status, body);
        }
        catch (PrometheusException ex)
        {
            throw new PrometheusException(ex.Message, ex.Refused) { Query = query };
        }
    }
}
