using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsRelease.Bench.SlackAck;

/// <summary>A loopback stand-in for Slack's Web API that says yes to everything, so the bot's answers go somewhere.</summary>
internal sealed class QuietSlack : IAsyncDisposable
{
    private long _ts = 1_700_000_000_000_000;

    private QuietSlack(WebApplication app) => App = app;

    public WebApplication App { get; }

    public Uri ApiBaseUrl { get; private set; } = null!;

    public static async Task<QuietSlack> StartAsync()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddLogging();
        builder.Services.AddRoutingCore();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var slack = new QuietSlack(app);
        app.UseRouting();
        app.MapPost("/api/{method}", (HttpContext _) =>
        {
            var ts = Interlocked.Increment(ref slack._ts);
            return Results.Json(new { ok = true, channel = "C1", ts = $"{ts / 1_000_000}.{ts % 1_000_000:D6}", message_ts = "1.1" });
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        slack.ApiBaseUrl = new Uri(new Uri(address), "/api/");
        return slack;
    }

    public ValueTask DisposeAsync() => App.DisposeAsync();
}
