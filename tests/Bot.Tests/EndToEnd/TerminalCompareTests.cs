using ChatOpsRelease.Bot.Chat.Console;
using ChatOpsRelease.Bot.Tests.Support;
using ChatOpsRelease.Sandbox;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.EndToEnd;

/// <summary><c>compare</c> through the whole bot, on the sandbox's simulated traffic read by the <c>sandbox</c> metric source.</summary>
public sealed class TerminalCompareTests
{
    private static readonly Dictionary<string, string?> Busy = BusyTraffic.Settings();

    [Fact]
    public async Task ABadCanary_Fails_WithTheTableAndAChartFile()
    {
        var (host, output) = await StartAsync("v2.0.0-bad", 2_000);
        await using (host)
        {
            await host.RunToEndAsync();

            var text = output.ToString();
            Assert.Contains("Fail", Line(text, "checkout v1.0.0 (stable) vs v2.0.0-bad (canary)", before: 1));
            Assert.Matches(@"stable\s+v1\.0\.0\s+[\d,]+\s+[\d,]+\s+0\.\d+ %", text);
            Assert.Matches(@"canary\s+v2\.0\.0-bad\s+[\d,]+\s+[\d,]+\s+[4-6]\.\d+ %", text);
            var chart = Assert.Single(Directory.GetFiles(Path.Combine(host.DataDirectory, "charts"), "compare-checkout-*.png"));
            Assert.True(new FileInfo(chart).Length > 10_000);
            Assert.Contains("Chart: ", text);
        }
    }

    [Fact]
    public async Task AGoodCanary_Passes_AndStatusShowsTheVerdict()
    {
        // 20,000 a side: the 95 % interval of a difference between two 0.5 % rates is then about ±0.14 points, well
        // inside the half-point margin, so an identical canary passes every time.
        var (host, output) = await StartAsync("v2.0.0", 20_000, "status checkout");
        await using (host)
        {
            await host.RunToEndAsync();

            var text = output.ToString();
            Assert.StartsWith("Pass", Line(text, "checkout v1.0.0 (stable) vs v2.0.0 (canary)", before: 1).TrimStart('✓', ' '));
            Assert.Matches(@"last comparison .*Pass", text);
        }
    }

    [Fact]
    public async Task ACanaryWithoutTraffic_IsInconclusive_AndSaysWhy()
    {
        await using var host = await BotTestHost.CreateAsync("deploy checkout v2.0.0\ncompare checkout\n", Busy);

        await host.RunToEndAsync();

        Assert.Contains("Inconclusive: no data — the sandbox saw no requests to the canary of checkout in the last 15 min.", host.Terminal);
        Assert.False(Directory.Exists(Path.Combine(host.DataDirectory, "charts")));
    }

    [Fact]
    public async Task OnARealCluster_TheSandboxSourceSaysItHasNoData_AndNamesTheOthers()
    {
        await using var cluster = await SandboxFixture.StartAsync();
        var folder = Directory.CreateTempSubdirectory("chatops-kubeconfig-").FullName;
        try
        {
            var settings = new Dictionary<string, string?>(Busy)
            {
                ["Kubernetes:Source"] = "kubeconfig",
                ["Kubernetes:KubeconfigPath"] = cluster.Sandbox.WriteKubeconfig(Path.Combine(folder, "kubeconfig")),
                ["Kubernetes:ClusterName"] = "prod-eu",
            };
            await using var host = await BotTestHost.CreateAsync("deploy checkout v2.0.0\ncompare checkout\n", settings);

            await host.RunToEndAsync();

            Assert.Contains("Inconclusive: no data — the sandbox metric source only has data on the built-in sandbox cluster, and the bot runs on prod-eu; "
                + "set Apps:checkout:Metrics to prometheus or elasticsearch.", host.Terminal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Deploys <paramref name="version"/>, sends it half the requests and compares once both sides have <paramref name="requests"/>.</summary>
    private static async Task<(BotTestHost Host, StringWriter Output)> StartAsync(string version, long requests, params string[] after)
    {
        SandboxCluster? sandbox = null;
        bool Enough() => BusyTraffic.BothTracksHave(sandbox, requests);

        var output = new StringWriter();
        var lines = new List<(string, Func<bool>?)> { ($"deploy checkout {version}", null), ("promote canary 50%", null), ("compare checkout", Enough) };
        lines.AddRange(after.Select(a => (a, (Func<bool>?)null)));
        var script = new GatedScript([.. lines]);
        var host = await BotTestHost.CreateAsync(string.Empty, Busy, configure: builder =>
        {
            builder.Services.RemoveAll<ConsoleIo>();
            builder.Services.AddSingleton(new ConsoleIo(script, TextWriter.Synchronized(output), interactive: false));
        });
        sandbox = host.Sandbox;
        return (host, output);
    }

    /// <summary>The line <paramref name="before"/> lines above the first that contains <paramref name="marker"/>.</summary>
    private static string Line(string text, string marker, int before)
    {
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var at = lines.FindIndex(l => l.Contains(marker, StringComparison.Ordinal));
        Assert.True(at >= before, $"No line contains '{marker}':\n{text}");
        return lines[at - before];
    }
}
