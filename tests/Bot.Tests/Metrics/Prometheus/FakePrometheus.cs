using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;

namespace ChatOpsRelease.Bot.Tests.Metrics.Prometheus;

/// <summary>One <c>query_range</c> call as the fake received it (form or URL parameters).</summary>
internal sealed record PrometheusCall(string Method, string Path, string Query, string Start, string End, string Step);

/// <summary>
/// A loopback Prometheus HTTP API: answers <c>query_range</c> with the matrix given for that exact PromQL (an empty
/// result for any other query), or with a canned answer, and records every call.
/// </summary>
internal sealed class FakePrometheus : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, CannedAnswer> _answers = new(StringComparer.Ordinal);

    private readonly LoopbackHttp _http;

    private FakePrometheus(LoopbackHttp http)
    {
        _http = http;
        _http.Answer = Answer;
    }

    public Uri Url => _http.BaseAddress;

    /// <summary>The answer to every call, whatever its query (e.g. an error), when set.</summary>
    public CannedAnswer? Always { get; set; }

    public IReadOnlyList<PrometheusCall> Calls => [.. _http.Requests.Select(Call)];

    public static async Task<FakePrometheus> StartAsync() => new(await LoopbackHttp.StartAsync(_ => new CannedAnswer(500, "")));

    /// <summary>Answers <paramref name="query"/> with these series.</summary>
    public void Serve(string query, params JsonObject[] series) => _answers[query] = new CannedAnswer(200, Matrix(series));

    /// <summary>A series with <c>values</c> one step apart from <paramref name="first"/> (values as Prometheus writes them: "12.5", "NaN").</summary>
    public static JsonObject Series(DateTimeOffset first, TimeSpan step, params string[] values)
    {
        var samples = new JsonArray();
        for (var i = 0; i < values.Length; i++)
        {
            samples.Add(new JsonArray(JsonValue.Create((first + (step * i)).ToUnixTimeSeconds()), JsonValue.Create(values[i])));
        }

        return new JsonObject { ["metric"] = new JsonObject(), ["values"] = samples };
    }

    public static string Matrix(params JsonObject[] series) =>
        new JsonObject
        {
            ["status"] = "success",
            ["data"] = new JsonObject { ["resultType"] = "matrix", ["result"] = new JsonArray([.. series]) },
        }.ToJsonString();

    public static CannedAnswer Error(int status, string errorType, string error) =>
        new(status, new JsonObject { ["status"] = "error", ["errorType"] = errorType, ["error"] = error }.ToJsonString());

    public ValueTask DisposeAsync() => _http.DisposeAsync();

    private CannedAnswer Answer(RecordedRequest request)
    {
        if (Always is { } always)
        {
            return always;
        }

        return _answers.TryGetValue(Call(request).Query, out var answer) ? answer : new CannedAnswer(200, Matrix());
    }

    private static PrometheusCall Call(RecordedRequest request)
    {
        var form = QueryHelpers.ParseQuery(request.Method == "POST" ? request.Body : request.QueryString);
        string Field(string name) => form.TryGetValue(name, out var value) ? value.ToString() : string.Empty;
        return new PrometheusCall(request.Method, request.Path, Field("query"), Field("start"), Field("end"), Field("step"));
    }

    /// <summary>Unix seconds as the bot sends them.</summary>
    public static string Seconds(DateTimeOffset at) => at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
}
