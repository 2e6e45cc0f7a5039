using ChatOpsRelease.Bot.Chat.Console;
using ChatOpsRelease.Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.EndToEnd;

/// <summary>
/// <c>deploy … --auto</c> through the whole bot on the sandbox: the watch judges the canary every second on the simulated
/// traffic and, through the durable job queue, moves the release on or rolls it back by itself.
/// </summary>
public sealed class TerminalPlanTests
{
    [Fact]
    public async Task ABadCanary_IsRolledBackByTheWatch_WithTheEvidenceAndAChart()
    {
        var (host, output) = await RunAsync("deploy checkout v2.0.0-bad --auto", "is rolled back");
        await using (host)
        {
            var text = output.ToString();
            Assert.Contains("checkout: the analysis of step compat says Fail: ", text, StringComparison.Ordinal);
            Assert.Contains("I am rolling checkout back to v1.0.0", text, StringComparison.Ordinal);
            Assert.Single(Directory.GetFiles(Path.Combine(host.DataDirectory, "charts"), "compare-checkout-*.png"));
            Assert.Contains("v2.0.0-bad: rolled back — started by", text, StringComparison.Ordinal);
            Assert.Null(host.Sandbox!.GetObject("Deployment", "shop", "checkout-canary"));
        }
    }

    [Fact]
    public async Task AGoodCanary_GoesThroughThePlanByItself_ToEveryone()
    {
        var (host, output) = await RunAsync("deploy checkout v2.0.0 --auto", "is complete");
        await using (host)
        {
            var text = output.ToString();
            Assert.Contains("checkout: The canary is deployed; moving on to step compat (50% of traffic).", text, StringComparison.Ordinal);
            Assert.Contains("checkout: Step compat has baked 2 s and its analysis passes; moving on to step full (everyone).", text, StringComparison.Ordinal);
            Assert.EndsWith(":v2.0.0", (string)host.Sandbox!.GetObject("Deployment", "shop", "checkout")!["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]!, StringComparison.Ordinal);
        }
    }

    /// <summary>Runs <paramref name="deploy"/> with a two-step plan, then <c>status checkout</c> once the output says <paramref name="until"/>.</summary>
    private static async Task<(BotTestHost Host, StringWriter Output)> RunAsync(string deploy, string until)
    {
        var settings = BusyTraffic.Settings();
        settings["Plans:quick:Steps:0:Name"] = "compat";
        settings["Plans:quick:Steps:0:Weight"] = "50";
        settings["Plans:quick:Steps:0:Bake"] = "00:00:02";
        settings["Plans:quick:Steps:0:Analysis"] = "true";
        settings["Plans:quick:Steps:1:Name"] = "full";
        settings["Plans:quick:Steps:1:Weight"] = "100";
        settings["Apps:checkout:Plan"] = "quick";
        settings["Apps:checkout:Analysis:Interval"] = "00:00:01";
        settings["Apps:checkout:Analysis:MinRequests"] = "2000";

        var output = new StringWriter();
        var synchronized = TextWriter.Synchronized(output);
        var script = new GatedScript((deploy, null), ("status checkout", () => output.ToString().Contains(until, StringComparison.Ordinal)));
        var host = await BotTestHost.CreateAsync(string.Empty, settings, configure: builder =>
        {
            builder.Services.RemoveAll<ConsoleIo>();
            builder.Services.AddSingleton(new ConsoleIo(script, synchronized, interactive: false));
        });
        await host.RunToEndAsync(TimeSpan.FromSeconds(40));
        return (host, output);
    }
}
