using System.Globalization;
using System.Text.Json.Nodes;
using ChatOpsRelease.Bot.Chat.Teams.Connector;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsRelease.Bot.Tests.Support;

/// <summary>
/// The fake's Entra side: <c>POST /{tenant}/oauth2/v2.0/token</c> for client credentials (a secret or a certificate's
/// signed assertion), MSAL's instance discovery, and a handler that brings any request (e.g. to
/// <c>https://login.microsoftonline.com/…</c>) to this server.
/// </summary>
internal sealed partial class FakeTeamsConnector
{
    private readonly HashSet<string> _issued = new(StringComparer.Ordinal);

    private int _lastToken;

    /// <summary>The <c>expires_in</c> of issued tokens, in seconds (MSAL renews a token within five minutes of its expiry).</summary>
    public int TokenExpiresIn { get; set; } = 3600;

    /// <summary>When set, a token request with another <c>client_secret</c> is refused like Entra does (<c>invalid_client</c>, AADSTS7000215).</summary>
    public string? ClientSecret { get; set; }

    /// <summary>The tokens issued so far, in order (<c>fake-teams-token-1</c>, …).</summary>
    public IReadOnlyList<string> IssuedTokens
    {
        get
        {
            lock (_gate)
            {
                return [.. _issued.Order(StringComparer.Ordinal)];
            }
        }
    }

    /// <summary>The next token request gets this status and body (e.g. 401 with <c>{"error":"invalid_client",…}</c>).</summary>
    public void RespondNextToken(int status, string body) => RespondNext(status, body, operation: FakeTeamsOperation.Token);

    /// <summary>
    /// A handler that sends every request to this server, whatever address it was for, keeping path and query and
    /// putting the original address in <see cref="FakeTeamsCall.OriginalUrlHeader"/>. MSAL only accepts https
    /// authorities; with this as its HTTP client's handler, <c>https://login.microsoftonline.com/{tenant}</c> is this fake.
    /// </summary>
    public HttpMessageHandler CreateLoopbackHandler() => new LoopbackHandler(BaseAddress) { InnerHandler = new SocketsHttpHandler() };

    private bool IsIssued(string? token)
    {
        lock (_gate)
        {
            return token is not null && _issued.Contains(token);
        }
    }

    private (int Status, JsonObject Body) IssueToken(FakeTeamsCall call)
    {
        if (call.Field("grant_type") != "client_credentials")
        {
            return (400, EntraError("unsupported_grant_type", "AADSTS70003: The app requested an unsupported grant type."));
        }

        if (call.Field("client_id") is not { Length: > 0 } || call.Field("scope") is not { Length: > 0 })
        {
            return (400, EntraError("invalid_request", "AADSTS900144: The request body must contain client_id and scope."));
        }

        var assertion = call.Field("client_assertion_type") == "urn:ietf:params:oauth:client-assertion-type:jwt-bearer" && call.Field("client_assertion") is { Length: > 0 };
        if (call.Field("client_secret") is not { Length: > 0 } secret ? !assertion : ClientSecret is not null && secret != ClientSecret)
        {
            return (401, EntraError("invalid_client", "AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value."));
        }

        string token;
        lock (_gate)
        {
            token = "fake-teams-token-" + (++_lastToken).ToString("D4", CultureInfo.InvariantCulture);
            _issued.Add(token);
        }

        return (200, new JsonObject
        {
            ["token_type"] = "Bearer",
            ["expires_in"] = TokenExpiresIn,
            ["ext_expires_in"] = TokenExpiresIn,
            ["access_token"] = token,
        });
    }

    /// <summary>MSAL's instance discovery, answered for the host it asked about (so any authority host is accepted).</summary>
    private static JsonObject Discovery(string authorizationEndpoint)
    {
        var host = Uri.TryCreate(authorizationEndpoint, UriKind.Absolute, out var endpoint) ? endpoint.Host : "login.microsoftonline.com";
        return new()
        {
            ["tenant_discovery_endpoint"] = $"https://{host}/common/v2.0/.well-known/openid-configuration",
            ["api-version"] = "1.1",
            ["metadata"] = new JsonArray(new JsonObject { ["preferred_network"] = host, ["preferred_cache"] = host, ["aliases"] = new JsonArray(host) }),
        };
    }

    private static JsonObject EntraError(string error, string description) => new()
    {
        ["error"] = error,
        ["error_description"] = description,
        ["error_codes"] = new JsonArray(int.Parse(description[6..description.IndexOf(':', StringComparison.Ordinal)], CultureInfo.InvariantCulture)),
    };

    private sealed class LoopbackHandler(Uri target) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri is { IsAbsoluteUri: true } original)
            {
                request.Headers.TryAddWithoutValidation(FakeTeamsCall.OriginalUrlHeader, original.AbsoluteUri);
                request.RequestUri = new UriBuilder(original) { Scheme = target.Scheme, Host = target.Host, Port = target.Port }.Uri;
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}

internal static class FakeTeamsConnectorServiceCollectionExtensions
{
    /// <summary>Sends MSAL's token requests (the connector's token provider) to <paramref name="teams"/>, whatever the authority.</summary>
    public static IServiceCollection RouteTeamsTokensTo(this IServiceCollection services, FakeTeamsConnector teams)
    {
        services.AddHttpClient(MsalHttpClients.Name).ConfigurePrimaryHttpMessageHandler(teams.CreateLoopbackHandler);
        return services;
    }
}
