using System.Globalization;
using System.Net;
using System.Text.Json;

namespace ChatOpsRelease.Bot.Metrics.Prometheus;

/// <summary>Reads a <c>query_range</c> answer: <c>status</c>, <c>errorType</c>/<c>error</c>, and a matrix of series.</summary>
internal static class PrometheusAnswer
{
    private const int MaxErrorLength = 300;

    public static IReadOnlyList<PrometheusSeries> Read(HttpStatusCode status, string body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            throw new PrometheusException(IsSuccess(status) ? "an answer that is not JSON" : $"HTTP {(int)status} {status}", refused: false);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("status", out var state))
            {
                throw new PrometheusException(IsSuccess(status) ? "an answer without a status" : $"HTTP {(int)status} {status}", refused: false);
            }

            if (Text(state) != "success")
            {
                throw new PrometheusException(Error(root), refused: true);
            }

            if (!root.TryGetProperty("data", out var data) || !data.TryGetProperty("result", out var result) || result.ValueKind != JsonValueKind.Array)
            {
                throw new PrometheusException("an answer without data.result", refused: false);
            }

            if (data.TryGetProperty("resultType", out var type) && Text(type) != "matrix")
            {
                throw new PrometheusException($"a '{Text(type)}' result where a matrix was expected", refused: true);
            }

            return [.. result.EnumerateArray().Select(Series)];
        }
    }

    private static bool IsSuccess(HttpStatusCode status) => (int)status is >= 200 and < 300;

    private static string Error(JsonElement root)
    {
        var type = root.TryGetProperty("errorType", out var t) ? Text(t) : null;
        var error = root.TryGetProperty("error", out var e) ? Text(e) : null;
        var text = string.IsNullOrEmpty(type) ? error ?? "an error without a message" : $"{type}: {error}";
        return text.Length > MaxErrorLength ? text[..MaxErrorLength] + "…" : text;
    }

    private static PrometheusSeries Series(JsonElement series)
    {
        if (!series.TryGetProperty("values", out var values) || values.ValueKind != JsonValueKind.Array)
        {
            return new PrometheusSeries([]);
        }

        var samples = new List<PrometheusSample>();
        foreach (var pair in values.EnumerateArray())
        {
            if (pair.ValueKind != JsonValueKind.Array || pair.GetArrayLength() != 2 || pair[0].ValueKind != JsonValueKind.Number || !pair[0].TryGetDouble(out var seconds))
            {
                throw new PrometheusException("a sample that is not [time, \"value\"]", refused: false);
            }

            var at = DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(seconds * 1000));
            samples.Add(new PrometheusSample(at, Value(Text(pair[1]))));
        }

        return new PrometheusSeries(samples);
    }

    private static string? Text(JsonElement element) => element.ValueKind == JsonValueKind.String ? element.GetString() : null;

    /// <summary>Prometheus writes values as strings, with <c>NaN</c>, <c>+Inf</c> and <c>-Inf</c>; only finite numbers count.</summary>
    private static double? Value(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value : null;
}
