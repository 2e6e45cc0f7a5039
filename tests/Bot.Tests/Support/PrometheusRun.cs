using System.Diagnostics;
using System.Text.RegularExpressions;
using ChatOpsRelease.Bot.Chat.Console;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Support;

/// <summary>
/// A run of the whole bot on the sandbox with the <c>prometheus</c> metric source pointed at a real Prometheus that scrapes
/// the sandbox: what the terminal showed, and Prometheus's log for when an assertion fails.
/// </summary>
internal sealed record PrometheusRun(string Terminal, string PrometheusLog, TimeSpan Took)
{
    private static readonly TimeSpan GatePollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Starts the bot on the sandbox with the <c>prometheus</c> source pointed at a Prometheus that scrapes the sandbox,
    /// and runs the script; a line with a query is read only once that query answers (bounded by <see cref="GatedScript"/>).
    /// </summary>
    public static async Task<PrometheusRun> StartAsync(Dictionary<string, string?> traffic, params (string Line, string? ReadyWhen)[] lines)
    {
        var port = PrometheusServer.FreePort();
        var settings = new Dictionary<string, string?>(traffic)
        {
            ["Metrics:Prometheus:Url"] = $"http://127.0.0.1:{port}/",
            // Below the 15 s step of a 15 min window, so each bucket's rate covers exactly its own 15 s (with the default
            // 1 min, a run shorter than a minute would be counted about a quarter: a minute's average rate times 15 s).
            ["Metrics:Prometheus:MinRateWindow"] = "00:00:10",
        };

        PrometheusServer? prometheus = null;
        var output = new StringWriter();
        var script = new GatedScript([.. lines.Select(l => (l.Line, l.ReadyWhen is { } query ? Answers(() => prometheus, query) : null))]);
        var clock = Stopwatch.StartNew();
        await using var host = await BotTestHost.CreateAsync(string.Empty, settings, configure: builder =>
        {
            builder.Services.RemoveAll<ConsoleIo>();
            builder.Services.AddSingleton(new ConsoleIo(script, TextWriter.Synchronized(output), interactive: false));
        });

        // The sandbox listens once the host is built; Prometheus scrapes it from then on.
        await using (prometheus = await PrometheusServer.StartAsync(host.Sandbox.BaseAddress, port))
        {
            await host.RunToEndAsync();
            return new PrometheusRun(output.ToString(), prometheus.Log, clock.Elapsed);
        }
    }

    /// <summary>Whether <paramref name="query"/> has an answer, asked at most every <see cref="GatePollInterval"/>.</summary>
    private static Func<bool> Answers(Func<PrometheusServer?> server, string query)
    {
        var next = DateTime.MinValue;
        return () =>
        {
            if (server() is not { } prometheus || DateTime.UtcNow < next)
            {
                return false;
            }

            next = DateTime.UtcNow + GatePollInterval;
            try
            {
                return prometheus.Value(query) is not null;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or InvalidOperationException or System.Text.Json.JsonException)
            {
                return false;
            }
        };
    }

    /// <summary>Asserts that the headline above the line that contains <paramref name="title"/> matches <paramref name="pattern"/>.</summary>
    public void AssertHeadline(string title, string pattern)
    {
        var lines = Terminal.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var at = lines.FindIndex(l => l.Contains(title, StringComparison.Ordinal));
        Assert.True(at >= 1, $"No line contains '{title}'.\n{this}");
        var headline = string.Concat(lines[at - 1].SkipWhile(c => !char.IsLetter(c)));
        Assert.True(Regex.IsMatch(headline, pattern), $"The headline '{headline}' does not match {pattern}.\n{this}");
    }

    public void AssertContains(string text) => Assert.True(Terminal.Contains(text, StringComparison.Ordinal), $"The terminal does not show '{text}'.\n{this}");

    public void AssertMatches(string pattern) => Assert.True(Regex.IsMatch(Terminal, pattern), $"The terminal does not match {pattern}.\n{this}");

    public override string ToString() => $"Terminal ({Took.TotalSeconds:0.0} s):\n{Terminal}\nPrometheus log:\n{PrometheusLog}";
}
