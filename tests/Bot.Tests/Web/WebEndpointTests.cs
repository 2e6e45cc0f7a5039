using System.Net;
using ChatOpsRelease.Bot.Tests.Support;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Web;

public sealed class WebEndpointTests
{
    [Fact]
    public async Task Healthz_AndJobDashboard_AnswerOnLoopback()
    {
        await using var host = await BotTestHost.CreateAsync(string.Empty, new Dictionary<string, string?> { ["Chat:Console:Enabled"] = "false" });
        await host.App.StartAsync();
        var address = host.App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        using var http = new HttpClient { BaseAddress = new Uri(address) };

        var health = await http.GetStringAsync("/healthz");
        using var dashboard = await http.GetAsync("/hangfire");

        Assert.StartsWith("http://127.0.0.1:", address);
        Assert.Equal("""{"status":"ok","cluster":"sandbox","simulated":true}""", health);
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains("ChatOpsRelease jobs", await dashboard.Content.ReadAsStringAsync());
        await host.App.StopAsync();
    }
}
