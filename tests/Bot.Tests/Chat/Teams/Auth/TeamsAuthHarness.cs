using ChatOpsRelease.Bot.Chat.Teams;
using ChatOpsRelease.Bot.Chat.Teams.Auth;
using ChatOpsRelease.Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Chat.Teams.Auth;

/// <summary>
/// The authenticator as the bot wires it (<see cref="TeamsAuthenticationServiceCollectionExtensions.AddTeamsAuthentication"/>),
/// pointed at a <see cref="FakeBotFrameworkIdentity"/>, on a fake clock, with every log line captured.
/// </summary>
internal sealed class TeamsAuthHarness : IAsyncDisposable
{
    public const string AppId = "5c1e8f0a-3b7d-4a52-9e61-0d2f4b8c7a19";
    public const string TenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    public const string ServiceUrl = "https://smba.trafficmanager.net/amer/";
    public static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);

    private readonly ServiceProvider _services;
    private readonly CapturingLoggerProvider _logs = new();

    private TeamsAuthHarness(FakeBotFrameworkIdentity identity, FakeTimeProvider time, Action<TeamsOptions>? configure, TimeSpan? refreshInterval)
    {
        Identity = identity;
        Time = time;
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(_logs).SetMinimumLevel(LogLevel.Trace));
        services.AddSingleton<TimeProvider>(time);
        services.Configure<TeamsOptions>(teams =>
        {
            teams.AppId = AppId;
            teams.AppPassword = "not-used-inbound";
            teams.OpenIdMetadataUrl = identity.MetadataUrl.ToString();
            teams.Issuer = identity.Issuer;
            configure?.Invoke(teams);
        });
        if (refreshInterval is { } interval)
        {
            services.AddSingleton(provider => new TeamsSigningKeys(
                provider.GetRequiredService<IHttpClientFactory>(),
                provider.GetRequiredService<IOptions<TeamsOptions>>(),
                provider.GetRequiredService<TimeProvider>(),
                provider.GetRequiredService<ILogger<TeamsSigningKeys>>()) { RefreshInterval = interval });
        }

        services.AddTeamsAuthentication();
        _services = services.BuildServiceProvider();
        Authenticator = _services.GetRequiredService<ITeamsAuthenticator>();
    }

    public FakeBotFrameworkIdentity Identity { get; }

    public FakeTimeProvider Time { get; }

    public ITeamsAuthenticator Authenticator { get; }

    public IServiceProvider Services => _services;

    public IReadOnlyList<CapturedLog> Logs => _logs.Entries;

    public static async Task<TeamsAuthHarness> StartAsync(Action<TeamsOptions>? configure = null, TimeSpan? refreshInterval = null)
    {
        var time = new FakeTimeProvider(Now);
        var identity = await FakeBotFrameworkIdentity.StartAsync(time: time);
        return new TeamsAuthHarness(identity, time, configure, refreshInterval);
    }

    /// <summary>A token for this bot's app id and <see cref="ServiceUrl"/>, signed with the fake's default key unless told otherwise.</summary>
    public string Token(
        string audience = AppId,
        string? serviceUrl = ServiceUrl,
        string? issuer = null,
        DateTimeOffset? notBefore = null,
        DateTimeOffset? expires = null,
        string? kid = null) =>
        Identity.CreateToken(audience, serviceUrl, issuer, notBefore, expires, kid);

    public Task<TeamsAuthResult> SendAsync(string token, string channelId = "msteams", string serviceUrl = ServiceUrl) =>
        Authenticator.AuthenticateAsync("Bearer " + token, channelId, serviceUrl, CancellationToken.None);

    public Task<TeamsAuthResult> SendHeaderAsync(string? authorization, string channelId = "msteams", string serviceUrl = ServiceUrl) =>
        Authenticator.AuthenticateAsync(authorization, channelId, serviceUrl, CancellationToken.None);

    /// <summary>Authenticated as this bot's app.</summary>
    public static void AssertAccepted(TeamsAuthResult result)
    {
        Assert.True(result.Authenticated, result.Problem);
        Assert.Null(result.Problem);
        Assert.Equal(AppId, result.AppId);
    }

    /// <summary>
    /// Refused for a reason containing <paramref name="expected"/>, logged at Warning, and neither the problem nor any
    /// log line contains the token (or its signature).
    /// </summary>
    public void AssertRefused(TeamsAuthResult result, string expected, string? token = null)
    {
        Assert.False(result.Authenticated);
        Assert.Null(result.AppId);
        Assert.NotNull(result.Problem);
        Assert.Contains(expected, result.Problem, StringComparison.Ordinal);
        Assert.Contains(Logs, log => log.Level == LogLevel.Warning && log.Message.Contains(result.Problem, StringComparison.Ordinal));
        if (token is not null)
        {
            var signature = token[(token.LastIndexOf('.') + 1)..];
            Assert.DoesNotContain(token, result.Problem, StringComparison.Ordinal);
            Assert.DoesNotContain(Logs, log => log.AllText.Contains(token, StringComparison.Ordinal));
            Assert.DoesNotContain(Logs, log => signature.Length >= 16 && log.AllText.Contains(signature, StringComparison.Ordinal));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Identity.DisposeAsync();
    }
}
