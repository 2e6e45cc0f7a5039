using System.Net;
using System.Net.Http.Headers;
using ChatOpsRelease.Bot.Tests.Support;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Web.Dashboard;

/// <summary>Who may see the release dashboard and the job dashboard: loopback always, other machines with the token or a sign-in.</summary>
public sealed class DashboardAccessTests
{
    private const string Token = "s3cret-dashboard-token-0123456789";

    private static readonly string[] DashboardPaths = ["/", "/releases/abc", "/releases/abc/chart.png", "/events", "/dashboard.js", "/hangfire"];

    [Fact]
    public async Task Remote_WithoutToken_IsRefusedWith401_OnEveryDashboardPath()
    {
        await using var host = await StartAsync(TokenSettings());
        using var http = Client(host, remote: true);

        foreach (var path in DashboardPaths)
        {
            using var response = await http.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{path} answered {(int)response.StatusCode}");
            Assert.DoesNotContain("Releases in progress", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", Token + "x") } };
        using var refused = await http.SendAsync(wrong);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("Bearer", refused.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task Remote_WithTheBearerToken_SeesTheDashboardAndTheJobDashboard()
    {
        await using var host = await StartAsync(TokenSettings());
        using var http = Client(host, remote: true);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);

        using var page = await http.GetAsync("/");
        using var jobs = await http.GetAsync("/hangfire");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Releases in progress", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, jobs.StatusCode);
    }

    [Fact]
    public async Task Remote_TokenInTheQuery_BecomesAnHttpOnlyCookie_AndLeavesTheAddressBar()
    {
        await using var host = await StartAsync(TokenSettings());
        using var http = Client(host, remote: true);

        using var first = await http.GetAsync("/?token=" + Uri.EscapeDataString(Token));
        var cookie = Assert.Single(first.Headers.GetValues("Set-Cookie"));
        using var again = new HttpRequestMessage(HttpMethod.Get, "/") { Headers = { { "Cookie", cookie.Split(';')[0] } } };
        using var second = await http.SendAsync(again);

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal("/", first.Headers.Location?.OriginalString);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
    }

    [Fact]
    public async Task Loopback_NeedsNoToken()
    {
        await using var host = await StartAsync(TokenSettings());
        using var http = Client(host, remote: false);

        using var page = await http.GetAsync("/");
        using var jobs = await http.GetAsync("/hangfire");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.OK, jobs.StatusCode);
    }

    [Fact]
    public async Task Remote_WithOidc_IsSentToTheProvidersSignIn_AndTheJobDashboardRefuses()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Web:Auth:Mode"] = "oidc",
            ["Web:Auth:Authority"] = "https://login.example.test/realm",
            ["Web:Auth:ClientId"] = "chatops-dashboard",
            ["Web:Auth:ClientSecret"] = "client-secret",
        };

        // The provider's discovery document, given instead of fetched: the test reaches no network.
        await using var host = await StartAsync(settings, services => services.Configure<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme, o =>
            o.Configuration = new OpenIdConnectConfiguration { AuthorizationEndpoint = "https://login.example.test/realm/authorize", Issuer = "https://login.example.test/realm" }));
        using var remote = Client(host, remote: true);
        using var local = Client(host, remote: false);

        using var page = await remote.GetAsync("/");
        using var jobs = await remote.GetAsync("/hangfire");
        using var onLoopback = await local.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("https://login.example.test/realm/authorize?", page.Headers.Location!.AbsoluteUri, StringComparison.Ordinal);
        Assert.Contains("client_id=chatops-dashboard", page.Headers.Location.Query, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, jobs.StatusCode);
        Assert.Equal(HttpStatusCode.OK, onLoopback.StatusCode);
    }

    [Fact]
    public async Task ModeNone_OnAnAddressOtherMachinesReach_RefusesToStart()
    {
        var error = await Assert.ThrowsAsync<AggregateException>(() => BotTestHost.CreateAsync(string.Empty, new Dictionary<string, string?>
        {
            ["Chat:Console:Enabled"] = "false",
            ["Urls"] = "http://0.0.0.0:0",
        }));

        var problem = Assert.Single(StartupProblems.Describe(error)!);
        Assert.StartsWith("Web:Auth:Mode is none, but the bot listens on http://0.0.0.0:0", problem, StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> TokenSettings() => new()
    {
        ["Web:Auth:Mode"] = "token",
        ["Web:Auth:Token"] = Token,
    };

    private static async Task<BotTestHost> StartAsync(Dictionary<string, string?> settings, Action<IServiceCollection>? replaceServices = null)
    {
        settings["Chat:Console:Enabled"] = "false";
        var host = await BotTestHost.CreateAsync(string.Empty, settings, configure: RemoteRequests.AddTo, replaceServices: replaceServices);
        await host.App.StartAsync();
        return host;
    }

    private static HttpClient Client(BotTestHost host, bool remote)
    {
        var address = host.App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(20) };
        if (remote)
        {
            http.DefaultRequestHeaders.Add(RemoteRequests.Header, "1");
        }

        return http;
    }
}
