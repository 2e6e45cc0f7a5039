using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatOpsRelease.Sandbox.Http;

/// <summary>A minimal Kestrel host (plain HTTP/1.1 on a loopback address) that sends every request to one handler.</summary>
internal sealed class SandboxServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ILoggerFactory _hostLoggers;

    private SandboxServer(WebApplication app, ILoggerFactory hostLoggers, Uri baseAddress)
    {
        _app = app;
        _hostLoggers = hostLoggers;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static async Task<SandboxServer> StartAsync(
        string host, int port, ILoggerFactory loggerFactory, RequestDelegate handler, CancellationToken ct)
    {
        var address = host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            ? IPAddress.Loopback
            : IPAddress.TryParse(host, out var parsed)
                ? parsed
                : throw new ArgumentException($"Sandbox host must be an IP address or 'localhost', not '{host}'.", nameof(host));
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        var hostLoggers = ForwardingLoggerProvider.CreateHostFactory(loggerFactory);
        builder.Services.AddSingleton(hostLoggers);
        builder.Services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        builder.Services.AddSingleton<IHostLifetime, EmbeddedLifetime>();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(address, port, listen => listen.Protocols = HttpProtocols.Http1);
        });
        var app = builder.Build();
        app.Run(handler);
        try
        {
            await app.StartAsync(ct);
        }
        catch
        {
            await app.DisposeAsync();
            hostLoggers.Dispose();
            throw;
        }

        var bound = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new SandboxServer(app, hostLoggers, new Uri(bound));
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
        _hostLoggers.Dispose();
    }
}
