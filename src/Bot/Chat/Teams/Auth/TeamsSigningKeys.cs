using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace ChatOpsRelease.Bot.Chat.Teams.Auth;

/// <summary>
/// The Bot Framework's OpenID configuration (issuer and signing keys), fetched from
/// <see cref="TeamsOptions.OpenIdMetadataUrl"/> by a <see cref="ConfigurationManager{T}"/> and refreshed by it in the
/// background every <see cref="TeamsOptions.KeyCacheLifetime"/>. A token signed by a key id the cache does not know
/// asks for one fresh fetch (<see cref="RefreshAsync"/>) and waits for it; a burst of such tokens shares that fetch,
/// and no second one is made within <see cref="RefreshInterval"/> (on the <see cref="TimeProvider"/>'s clock), so
/// tokens with made-up key ids cannot hammer the metadata endpoint.
/// </summary>
/// <remarks>
/// Since IdentityModel 8, <see cref="ConfigurationManager{T}.RequestRefresh"/> only starts a background fetch: the next
/// <see cref="ConfigurationManager{T}.GetConfigurationAsync(CancellationToken)"/> still answers with the old keys, so
/// the token that carried the new key id would be refused. (The library's switch
/// <c>Switch.Microsoft.IdentityModel.UpdateConfigAsBlocking</c> is process-wide and frozen the first time any
/// <c>JsonWebTokenHandler</c> is made, so it cannot be relied on.) A manager's first fetch is always awaited, so a
/// refresh here starts a new manager, awaits its first fetch, and keeps it from then on.
/// </remarks>
internal sealed partial class TeamsSigningKeys : IDisposable
{
    /// <summary>The least time between two fetches asked for by unknown key ids.</summary>
    public static readonly TimeSpan DefaultRefreshInterval = TimeSpan.FromSeconds(30);

    /// <summary>The named <see cref="HttpClient"/> the metadata and keys are fetched with.</summary>
    public const string HttpClientName = "teams-metadata";

    /// <summary>The library's least automatic refresh interval; a shorter <see cref="TeamsOptions.KeyCacheLifetime"/> is raised to it.</summary>
    private static readonly TimeSpan MinimumCacheLifetime = ConfigurationManager<OpenIdConnectConfiguration>.MinimumAutomaticRefreshInterval;

    private readonly HttpDocumentRetriever _documents;
    private readonly TimeSpan _cacheLifetime;
    private readonly TimeProvider _time;
    private readonly ILogger<TeamsSigningKeys> _logger;
    private readonly SemaphoreSlim _refreshGate = new(1, 1);
    private volatile ConfigurationManager<OpenIdConnectConfiguration> _manager;
    private DateTimeOffset _lastRefresh = DateTimeOffset.MinValue;

    public TeamsSigningKeys(IHttpClientFactory httpClients, IOptions<TeamsOptions> options, TimeProvider time, ILogger<TeamsSigningKeys> logger)
    {
        ArgumentNullException.ThrowIfNull(httpClients);
        ArgumentNullException.ThrowIfNull(options);
        var teams = options.Value;
        MetadataAddress = teams.OpenIdMetadataUrl;
        _documents = new HttpDocumentRetriever(httpClients.CreateClient(HttpClientName))
        {
            RequireHttps = !MetadataAddress.StartsWith("http:", StringComparison.OrdinalIgnoreCase),
        };
        _cacheLifetime = teams.KeyCacheLifetime > MinimumCacheLifetime ? teams.KeyCacheLifetime : MinimumCacheLifetime;
        _time = time;
        _logger = logger;
        _manager = CreateManager();
    }

    public string MetadataAddress { get; }

    /// <summary>The least time between two fetches asked for by <see cref="RefreshAsync"/>; <see cref="DefaultRefreshInterval"/> unless set.</summary>
    public TimeSpan RefreshInterval { get; init; } = DefaultRefreshInterval;

    /// <summary>The cached configuration, fetched first if there is none (throws <see cref="InvalidOperationException"/> when it cannot be).</summary>
    public Task<OpenIdConnectConfiguration> GetAsync(CancellationToken cancellationToken) =>
        _manager.GetConfigurationAsync(cancellationToken);

    /// <summary>
    /// A fresher configuration than <paramref name="seen"/>: the one another caller fetched meanwhile, else a new fetch
    /// unless one was made within <see cref="RefreshInterval"/>. When there is nothing fresher (too soon, or the
    /// fetch failed), the cached configuration.
    /// </summary>
    public async Task<OpenIdConnectConfiguration> RefreshAsync(OpenIdConnectConfiguration seen, CancellationToken cancellationToken)
    {
        await _refreshGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var current = await _manager.GetConfigurationAsync(cancellationToken).ConfigureAwait(false);
            var now = _time.GetUtcNow();
            if (!ReferenceEquals(current, seen) || now - _lastRefresh < RefreshInterval)
            {
                return current;
            }

            _lastRefresh = now;
            var fresh = CreateManager();
            try
            {
                var configuration = await fresh.GetConfigurationAsync(cancellationToken).ConfigureAwait(false);
                _manager = fresh;
                return configuration;
            }
            catch (InvalidOperationException ex)
            {
                LogRefreshFailed(_logger, MetadataAddress, ex);
                return current;
            }
        }
        finally
        {
            _refreshGate.Release();
        }
    }

    public void Dispose() => _refreshGate.Dispose();

    private ConfigurationManager<OpenIdConnectConfiguration> CreateManager() =>
        new(MetadataAddress, new OpenIdConnectConfigurationRetriever(), _documents)
        {
            AutomaticRefreshInterval = _cacheLifetime,
        };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not fetch the Bot Framework signing keys again from {Address}; keeping the cached ones")]
    private static partial void LogRefreshFailed(ILogger logger, string address, Exception exception);
}
