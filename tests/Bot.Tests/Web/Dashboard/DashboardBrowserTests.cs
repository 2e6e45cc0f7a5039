using ChatOpsRelease.Bot.Chat.Console;
using ChatOpsRelease.Bot.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Playwright;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Web.Dashboard;

/// <summary>The dashboard in a real browser, on the bot driven through the terminal chat against the sandbox.</summary>
public sealed class DashboardBrowserTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>The chart now on the page (the page may have redrawn it) has been loaded and decoded.</summary>
    private const string LoadedChart = "() => { const img = document.querySelector('section.release[data-app=checkout] img.chart'); return !!img && img.complete && img.naturalWidth > 0; }";

    [Fact]
    public async Task ReleaseInProgress_ShowsWithItsChart_AndFollowsAPromotionWithoutAReload()
    {
        using var script = new DrivenScript();
        var output = new StringWriter();
        var settings = BusyTraffic.Settings();
        settings["Web:RefreshInterval"] = "00:00:00.200";
        await using var host = await BotTestHost.CreateAsync(string.Empty, settings, configure: builder => TypeInto(builder, script, output));
        var running = host.RunToEndAsync(Patience * 2);
        try
        {
            await SayAsync(script, output, "deploy checkout v2.4.0");
            await SayAsync(script, output, "promote checkout 10%");
            var address = host.App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
            await using var browser = await DashboardBrowser.LaunchAsync();
            var page = await browser.Context.NewPageAsync();
            await page.GotoAsync(address + "/");
            var release = page.Locator("section.release[data-app=checkout]");
            await Assertions.Expect(release.Locator("[data-field=weight]")).ToContainTextAsync("10% requested", new() { Timeout = 20_000 });
            var chart = release.Locator("img.chart");
            await Assertions.Expect(chart).ToBeVisibleAsync(new() { Timeout = 20_000 });
            await page.WaitForFunctionAsync(LoadedChart, null, new() { Timeout = 30_000 });
            await page.EvaluateAsync("() => { window.stillTheSamePage = true; }");

            await SayAsync(script, output, "promote checkout 50%");

            // The replica router rounds the weight to whole pods: 50% of 4 replicas is 2.
            await Assertions.Expect(release.Locator("[data-field=weight]")).ToHaveTextAsync("50% requested, 50% effective", new() { Timeout = 20_000 });
            Assert.True(await page.EvaluateAsync<bool>("() => window.stillTheSamePage === true"), "The page was reloaded.");
            await page.WaitForFunctionAsync(LoadedChart, null, new() { Timeout = 30_000 });
        }
        finally
        {
            script.Say(null);
            await running;
        }
    }

    [Fact]
    public async Task HistoryPage_ListsTheStepsAndEscapesWhatPeopleTyped()
    {
        using var script = new DrivenScript();
        var output = new StringWriter();
        await using var host = await BotTestHost.CreateAsync(string.Empty, configure: builder => TypeInto(builder, script, output));
        var running = host.RunToEndAsync(Patience * 2);
        try
        {
            await SayAsync(script, output, "deploy payments v2.4.0");
            await SayAsync(script, output, "route payments header X-Tester=<b>me</b>");
            Assert.True(await script.AskedAsync(Patience), output.ToString());
            var address = host.App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
            await using var browser = await DashboardBrowser.LaunchAsync();
            var page = await browser.Context.NewPageAsync();
            await page.GotoAsync(address + "/");
            await page.Locator("section.release[data-app=payments] a").First.ClickAsync();

            await Assertions.Expect(page.Locator("table.steps tr")).ToHaveCountAsync(3, new() { Timeout = 15_000 });
            await Assertions.Expect(page.Locator("table.steps")).ToContainTextAsync("create the canary at 0%", new() { Timeout = 15_000 });
            await Assertions.Expect(page.Locator("table.audit")).ToContainTextAsync("deploy payments v2.4.0", new() { Timeout = 15_000 });
            await Assertions.Expect(page.Locator("[data-field=rules]")).ToContainTextAsync("header X-Tester: <b>me</b>", new() { Timeout = 15_000 });
            Assert.Equal(0, await page.Locator("[data-field=rules] b").CountAsync());
        }
        finally
        {
            script.Say(null);
            await running;
        }
    }

    /// <summary>The terminal chat reads what the test says and writes into <paramref name="output"/>.</summary>
    private static void TypeInto(WebApplicationBuilder builder, DrivenScript script, StringWriter output)
    {
        builder.Services.RemoveAll<ConsoleIo>();
        builder.Services.AddSingleton(new ConsoleIo(script, TextWriter.Synchronized(output), interactive: false));
    }

    /// <summary>Says a line once the terminal asks for it, and waits until its jobs are done (the terminal asks again).</summary>
    private static async Task SayAsync(DrivenScript script, StringWriter output, string line)
    {
        Assert.True(await script.AskedAsync(Patience), $"The terminal did not ask for `{line}`.\n{output}");
        script.Say(line);
    }
}
