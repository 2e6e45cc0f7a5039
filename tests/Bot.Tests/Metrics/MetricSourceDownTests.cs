using ChatOpsRelease.Bot.Chat.Console;
using ChatOpsRelease.Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Metrics;

/// <summary>
/// The whole bot with its app's metrics in a Prometheus or Elasticsearch that refuses connections, answers 500 or
/// answers too late: <c>compare</c> and the watch of a baking step are Inconclusive with the reason, never Pass.
/// </summary>
public sealed class MetricSourceDownTests
{
    public static TheoryData<string, string> Cases => new()
    {
        { "prometheus", "refused" },
        { "prometheus", "500" },
        { "prometheus", "slow" },
        { "elasticsearch", "refused" },
        { "elasticsearch", "500" },
        { "elasticsearch", "slow" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Compare_WhenTheSourceIsDown_IsInconclusive_WithTheReason(string source, string how)
    {
        await using var down = await DownSource.StartAsync(how);
        var output = new StringWriter();
        var script = new GatedScript(("deploy checkout v2.0.0", null), ("promote checkout 50%", null), ("compare checkout", null));

        await RunAsync(Settings(source, down.Url, how), script, output);

        var text = output.ToString();
        Assert.Contains($"Inconclusive: no data — {Label(source)} at {down.Url} did not answer: {down.Reason(source)}", text, StringComparison.Ordinal);
        Assert.Contains("checkout v1.0.0 (stable) vs v2.0.0 (canary) — last 15 min", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Pass: ", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("prometheus", "500")]
    [InlineData("elasticsearch", "refused")]
    public async Task TheWatch_WhenTheSourceIsDown_KeepsTheStepBaking_AndNeverMovesOn(string source, string how)
    {
        await using var down = await DownSource.StartAsync(how);
        var settings = Settings(source, down.Url, how);
        settings["Plans:quick:Steps:0:Name"] = "compat";
        settings["Plans:quick:Steps:0:Weight"] = "50";
        settings["Plans:quick:Steps:0:Bake"] = "00:00:01";
        settings["Plans:quick:Steps:0:Analysis"] = "true";
        settings["Plans:quick:Steps:1:Name"] = "full";
        settings["Plans:quick:Steps:1:Weight"] = "100";
        settings["Apps:checkout:Plan"] = "quick";
        settings["Apps:checkout:Analysis:Interval"] = "00:00:01";
        var output = new StringWriter();
        const string Baking = "checkout: step compat keeps baking — the analysis is inconclusive: Inconclusive: no data — ";
        var script = new GatedScript(("deploy checkout v2.0.0 --auto", null), ("status checkout", () => output.ToString().Contains(Baking, StringComparison.Ordinal)));

        await RunAsync(settings, script, output);

        var text = output.ToString();
        Assert.Contains($"{Baking}{Label(source)} at {down.Url} did not answer: {down.Reason(source)}", text, StringComparison.Ordinal);
        Assert.DoesNotContain("moving on to step full", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Pass: ", text, StringComparison.Ordinal);
    }

    private static string Label(string source) => source == "prometheus" ? "Prometheus" : "Elasticsearch";

    /// <summary>
    /// The source's settings. Only the "slow" case relies on the timeout; the others get a generous one, so that a busy
    /// machine's first request is not mistaken for a source that answers too late.
    /// </summary>
    private static Dictionary<string, string?> Settings(string source, Uri url, string how)
    {
        var section = source == "prometheus" ? "Metrics:Prometheus" : "Metrics:Elasticsearch";
        return new Dictionary<string, string?>
        {
            ["Apps:checkout:Metrics"] = source,
            [$"{section}:Url"] = url.ToString(),
            [$"{section}:Timeout"] = how == "slow" ? "00:00:00.300" : "00:00:10",
        };
    }

    private static async Task RunAsync(Dictionary<string, string?> settings, GatedScript script, StringWriter output)
    {
        var synchronized = TextWriter.Synchronized(output);
        await using var host = await BotTestHost.CreateAsync(string.Empty, settings, configure: builder =>
        {
            builder.Services.RemoveAll<ConsoleIo>();
            builder.Services.AddSingleton(new ConsoleIo(script, synchronized, interactive: false));
        });
        await host.RunToEndAsync(TimeSpan.FromSeconds(40));
    }

    /// <summary>Where the metrics should be: nothing listening, a server answering 500, or one answering after 5 s.</summary>
    private sealed class DownSource : IAsyncDisposable
    {
        private readonly LoopbackHttp? _server;
        private readonly string _how;

        private DownSource(Uri url, LoopbackHttp? server, string how) => (Url, _server, _how) = (url, server, how);

        public Uri Url { get; }

        public static async Task<DownSource> StartAsync(string how)
        {
            if (how == "refused")
            {
                return new DownSource(await LoopbackHttp.ClosedAddressAsync(), null, how);
            }

            var answer = how == "500"
                ? new CannedAnswer(500, "upstream failed", "text/plain")
                : new CannedAnswer(200, "{}", Delay: TimeSpan.FromSeconds(5));
            var server = await LoopbackHttp.StartAsync(_ => answer);
            return new DownSource(server.BaseAddress, server, how);
        }

        /// <summary>The start of what the source says went wrong.</summary>
        public string Reason(string source) => _how switch
        {
            "500" => source == "prometheus" ? "HTTP 500 InternalServerError" : "HTTP 500",
            "slow" => "no answer within 0.3 s",
            _ => string.Empty,
        };

        public ValueTask DisposeAsync() => _server?.DisposeAsync() ?? ValueTask.CompletedTask;
    }
}
