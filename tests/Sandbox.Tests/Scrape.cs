using System.Globalization;
using System.Text.RegularExpressions;
using Xunit;

namespace ChatOpsRelease.Sandbox.Tests;

/// <summary>One <c>GET /metrics</c> of a sandbox, read the way Prometheus reads the text format 0.0.4.</summary>
internal sealed partial record Scrape(string ContentType, List<Sample> Samples, List<string> Comments)
{
    public static async Task<Scrape> GetAsync(Uri sandbox)
    {
        using var http = new HttpClient { BaseAddress = sandbox };
        using var response = await http.GetAsync(new Uri("/metrics", UriKind.Relative));
        response.EnsureSuccessStatusCode();
        var text = await response.Content.ReadAsStringAsync();
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        var samples = new List<Sample>();
        var comments = new List<string>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith('#'))
            {
                comments.Add(line);
                continue;
            }

            var match = SampleLine().Match(line);
            Assert.True(match.Success, $"not a sample line: {line}");
            var labels = LabelPair().Matches(match.Groups["labels"].Value)
                .ToDictionary(m => m.Groups["name"].Value, m => Regex.Unescape(m.Groups["value"].Value), StringComparer.Ordinal);
            samples.Add(new Sample(match.Groups["name"].Value, labels, double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture), line[..line.LastIndexOf(' ')]));
        }

        Assert.Equal(samples.Count, samples.Select(s => s.Key).Distinct().Count());
        return new Scrape(response.Content.Headers.ContentType?.ToString() ?? "", samples, comments);
    }

    /// <summary>The samples of one metric name.</summary>
    public List<Sample> Named(string name) => [.. Samples.Where(s => s.Name == name)];

    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)\{(?<labels>(?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*",?)*)\} (?<value>\S+)$""")]
    private static partial Regex SampleLine();

    [GeneratedRegex("""(?<name>[a-zA-Z_][a-zA-Z0-9_]*)="(?<value>(?:[^"\\]|\\.)*)(?:")""")]
    private static partial Regex LabelPair();
}

/// <summary>One sample line: its metric name, labels, value, and the name with its labels (unique in a scrape).</summary>
internal sealed record Sample(string Name, Dictionary<string, string> Labels, double Value, string Key);
