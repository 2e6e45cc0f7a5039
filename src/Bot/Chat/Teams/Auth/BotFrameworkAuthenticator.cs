using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace ChatOpsRelease.Bot.Chat.Teams.Auth;

/// <summary>
/// Checks the Bearer JWT of an inbound Bot Framework request as the Bot Framework SDK does: issuer
/// (<see cref="TeamsOptions.Issuer"/>, and the tenant's Entra issuers when <see cref="TeamsOptions.TenantId"/> is set),
/// audience = the app id, lifetime with 5 minutes' skew (read from the <see cref="TimeProvider"/>), an RS256/384/512
/// signature by a key from the Bot Framework's metadata (<see cref="TeamsSigningKeys"/>), that key's endorsement of
/// the activity's channel, and the <c>serviceurl</c> claim against the activity's <c>serviceUrl</c>.
/// With <see cref="TeamsOptions.AllowUnauthenticated"/>, a request without an Authorization header passes (no app
/// id); one with a token is still checked.
/// </summary>
internal sealed partial class BotFrameworkAuthenticator(
    TeamsSigningKeys keys,
    IOptions<TeamsOptions> options,
    TimeProvider time,
    ILogger<BotFrameworkAuthenticator> logger) : ITeamsAuthenticator
{
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    public const string ServiceUrlClaim = "serviceurl";

    private static readonly string[] Algorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512];

    private readonly JsonWebTokenHandler _handler = new();

    public async Task<TeamsAuthResult> AuthenticateAsync(string? authorization, string channelId, string serviceUrl, CancellationToken cancellationToken)
    {
        var teams = options.Value;
        if (string.IsNullOrWhiteSpace(authorization) && teams.AllowUnauthenticated)
        {
            return new TeamsAuthResult(true, null, null);
        }

        var result = await CheckAsync(authorization, channelId ?? "", serviceUrl ?? "", teams, cancellationToken).ConfigureAwait(false);
        if (!result.Authenticated)
        {
            LogRefused(logger, result.Problem ?? "");
        }

        return result;
    }

    private async Task<TeamsAuthResult> CheckAsync(string? authorization, string channelId, string serviceUrl, TeamsOptions teams, CancellationToken cancellationToken)
    {
        if (BearerToken(authorization) is not { } raw)
        {
            return TeamsAuthResult.Refuse("no Bearer token");
        }

        if (!TeamsOptions.Has(teams.AppId))
        {
            return TeamsAuthResult.Refuse("a token was sent, but Chat:Teams:AppId is not set, so it cannot be checked");
        }

        JsonWebToken token;
        try
        {
            token = _handler.ReadJsonWebToken(raw);
        }
        catch (ArgumentException)
        {
            return TeamsAuthResult.Refuse("the token is not a well-formed JWT");
        }

        if (!Algorithms.Contains(token.Alg, StringComparer.Ordinal))
        {
            return TeamsAuthResult.Refuse($"the token's algorithm {TeamsTokenProblems.Quoted(token.Alg)} is not RS256, RS384 or RS512");
        }

        OpenIdConnectConfiguration configuration;
        try
        {
            configuration = await keys.GetAsync(cancellationToken).ConfigureAwait(false);
            if (token.Kid is { Length: > 0 } kid && !Publishes(configuration, kid))
            {
                configuration = await keys.RefreshAsync(configuration, cancellationToken).ConfigureAwait(false);
                if (!Publishes(configuration, kid))
                {
                    return TeamsAuthResult.Refuse($"the token is signed by key {TeamsTokenProblems.Quoted(kid)}, which is not published");
                }
            }
        }
        catch (InvalidOperationException ex)
        {
            LogKeysUnavailable(logger, keys.MetadataAddress, ex);
            return TeamsAuthResult.Refuse($"the signing keys could not be fetched from {keys.MetadataAddress}");
        }

        var validation = await _handler.ValidateTokenAsync(token, Parameters(teams, configuration)).ConfigureAwait(false);
        if (!validation.IsValid)
        {
            return TeamsAuthResult.Refuse(TeamsTokenProblems.Describe(validation.Exception, token));
        }

        var signedBy = validation.SecurityToken?.SigningKey?.KeyId ?? token.Kid;
        if (!SigningKeyEndorsements.Endorses(configuration.JsonWebKeySet, signedBy, channelId))
        {
            return TeamsAuthResult.Refuse($"the signing key does not endorse channel {TeamsTokenProblems.Shown(channelId)}");
        }

        if (!token.TryGetPayloadValue<string>(ServiceUrlClaim, out var claimed) || string.IsNullOrEmpty(claimed))
        {
            return TeamsAuthResult.Refuse("the token has no serviceurl claim");
        }

        return SameServiceUrl(claimed, serviceUrl)
            ? new TeamsAuthResult(true, null, teams.AppId)
            : TeamsAuthResult.Refuse(
                $"the token's serviceurl {TeamsTokenProblems.Quoted(claimed)} does not match the activity's serviceUrl {TeamsTokenProblems.Quoted(serviceUrl)}");
    }

    /// <summary>The token of <c>Bearer &lt;token&gt;</c> (scheme in any case), or null.</summary>
    internal static string? BearerToken(string? authorization)
    {
        const string Scheme = "Bearer ";
        var value = authorization?.Trim();
        if (value is null || !value.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var token = value[Scheme.Length..].Trim();
        return token.Length == 0 ? null : token;
    }

    /// <summary>Equal but for case and one trailing <c>/</c>.</summary>
    internal static bool SameServiceUrl(string claimed, string activity) =>
        string.Equals(WithoutTrailingSlash(claimed), WithoutTrailingSlash(activity), StringComparison.OrdinalIgnoreCase);

    /// <summary>The accepted issuers: the configured one and, for a single-tenant bot, the tenant's two Entra forms.</summary>
    internal static IReadOnlyList<string> Issuers(TeamsOptions teams) => TeamsOptions.Has(teams.TenantId)
        ? [teams.Issuer, $"https://sts.windows.net/{teams.TenantId}/", $"https://login.microsoftonline.com/{teams.TenantId}/v2.0"]
        : [teams.Issuer];

    private TokenValidationParameters Parameters(TeamsOptions teams, OpenIdConnectConfiguration configuration) => new()
    {
        ValidIssuers = Issuers(teams),
        ValidAudience = teams.AppId,
        ValidAlgorithms = Algorithms,
        IssuerSigningKeys = configuration.SigningKeys,
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ClockSkew = ClockSkew,
        LifetimeValidator = CheckLifetime,
    };

    /// <summary>The library's lifetime rules, but on <see cref="TimeProvider"/>'s clock.</summary>
    private bool CheckLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        if (expires is not { } until)
        {
            throw new SecurityTokenNoExpirationException("the token has no expiry");
        }

        if (notBefore is { } from && from > until)
        {
            throw new SecurityTokenInvalidLifetimeException("the token's nbf is after its exp") { NotBefore = from, Expires = until };
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (notBefore is { } start && start > now + ClockSkew)
        {
            throw new SecurityTokenNotYetValidException("the token is not valid yet") { NotBefore = start };
        }

        if (until < now - ClockSkew)
        {
            throw new SecurityTokenExpiredException("the token has expired") { Expires = until };
        }

        return true;
    }

    private static bool Publishes(OpenIdConnectConfiguration configuration, string kid) =>
        configuration.SigningKeys.Any(key => string.Equals(key.KeyId, kid, StringComparison.Ordinal));

    private static string WithoutTrailingSlash(string url) => url.EndsWith('/') ? url[..^1] : url;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a Teams request: {Problem}")]
    private static partial void LogRefused(ILogger logger, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not fetch the Bot Framework signing keys from {Address}")]
    private static partial void LogKeysUnavailable(ILogger logger, string address, Exception exception);
}
