using System.Globalization;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Observability;

/// <summary>The bot's <c>/metrics</c> page read into samples: <c>name{labels}</c> → value.</summary>
internal sealed class Scrape
{
    private Scrape(string text, Dictionary<string, double> samples)
    {
        Text = text;
        Samples = samples;
    }

    public string Text { get; }

    public Dictionary<string, double> Samples { get; }

    public static async Task<Scrape> ReadAsync(HttpClient http)
    {
        var text = await http.GetStringAsync("/metrics");
        var samples = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(l => !l.StartsWith('#')))
        {
            var space = line.LastIndexOf(' ');
            samples[line[..space]] = double.Parse(line[(space + 1)..], CultureInfo.InvariantCulture);
        }

        return new Scrape(text, samples);
    }

    /// <summary>Scrapes until <paramref name="ready"/> holds, for at most 30 s.</summary>
    public static async Task<Scrape> UntilAsync(HttpClient http, Func<Scrape, bool> ready)
    {
        var scrape = await ReadAsync(http);
        for (var i = 0; i < 300 && !ready(scrape); i++)
        {
            await Task.Delay(100);
            scrape = await ReadAsync(http);
        }

        Assert.True(ready(scrape), scrape.Text);
        return scrape;
    }

    public double Value(string sample) => Samples.GetValueOrDefault(sample);

    /// <summary>The sum of every sample of <paramref name="name"/> (any labels).</summary>
    public double Sum(string name) =>
        Samples.Where(s => s.Key == name || s.Key.StartsWith(name + "{", StringComparison.Ordinal)).Sum(s => s.Value);
}
