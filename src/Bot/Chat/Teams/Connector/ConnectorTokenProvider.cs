using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace ChatOpsRelease.Bot.Chat.Teams.Connector;

/// <summary>
/// Client-credential tokens for the connector from Microsoft Entra through MSAL: the app id as client id, its
/// certificate (when <see cref="TeamsOptions.CertificatePath"/> is set) or else its password, the authority with
/// <c>{tenant}</c> replaced by the tenant id (single-tenant) or <c>botframework.com</c>, and
/// <see cref="TeamsOptions.Scope"/>. The MSAL application is built once and keeps tokens in memory, renewing them
/// before they expire. Without a credential and with <see cref="TeamsOptions.AllowUnauthenticated"/>, there is no token.
/// </summary>
internal sealed partial class ConnectorTokenProvider(
    IOptions<TeamsOptions> options,
    IHttpClientFactory httpClients,
    ILogger<ConnectorTokenProvider> logger) : IConnectorTokens
{
    /// <summary>The tenant of multi-tenant bots' tokens.</summary>
    public const string MultiTenant = "botframework.com";

    /// <summary>The most of an identity provider's message put into an exception.</summary>
    private const int MaxDetailLength = 300;

    private readonly Lock _gate = new();

    private IConfidentialClientApplication? _app;

    /// <summary>The authority tokens come from: <see cref="TeamsOptions.Authority"/> with its <c>{tenant}</c> filled in.</summary>
    public static string AuthorityOf(TeamsOptions settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var tenant = TeamsOptions.Has(settings.TenantId) ? settings.TenantId!.Trim() : MultiTenant;
        return settings.Authority.Replace("{tenant}", Uri.EscapeDataString(tenant), StringComparison.Ordinal);
    }

    public async Task<string?> GetTokenAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!TeamsOptions.Has(settings.AppPassword) && !TeamsOptions.Has(settings.CertificatePath))
        {
            return settings.AllowUnauthenticated
                ? null
                : throw new TeamsConnectorException(0, "not_configured", $"Cannot call the Teams connector: {TeamsOptions.Section}:AppPassword (or CertificatePath) is not set.");
        }

        var authority = AuthorityOf(settings);
        var app = App(settings, authority);
        try
        {
            var result = await app.AcquireTokenForClient([settings.Scope]).ExecuteAsync(cancellationToken).ConfigureAwait(false);
            if (result.AuthenticationResultMetadata?.TokenSource == TokenSource.IdentityProvider)
            {
                LogTokenIssued(logger, settings.AppId ?? "", authority, result.ExpiresOn);
            }

            return result.AccessToken;
        }
        catch (MsalServiceException ex)
        {
            throw Failed(settings, authority, ex.StatusCode, ex.ErrorCode, Description(ex.ResponseBody) ?? ex.Message);
        }
        catch (MsalClientException ex)
        {
            throw Failed(settings, authority, 0, ex.ErrorCode, ex.Message);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw Failed(settings, authority, 0, "network", $"no answer within {settings.RequestTimeout.TotalSeconds:0.###} s");
        }
        catch (HttpRequestException ex)
        {
            throw Failed(settings, authority, 0, "network", ex.Message);
        }
    }

    private IConfidentialClientApplication App(TeamsOptions settings, string authority)
    {
        lock (_gate)
        {
            return _app ??= Build(settings, authority);
        }
    }

    private IConfidentialClientApplication Build(TeamsOptions settings, string authority)
    {
        if (!TeamsOptions.Has(settings.AppId))
        {
            throw new TeamsConnectorException(0, "not_configured", $"Cannot get a Teams connector token: {TeamsOptions.Section}:AppId is not set.");
        }

        try
        {
            var builder = ConfidentialClientApplicationBuilder.Create(settings.AppId!.Trim())
                .WithAuthority(authority)
                .WithHttpClientFactory(new MsalHttpClients(httpClients));
            builder = TeamsOptions.Has(settings.CertificatePath)
                ? builder.WithCertificate(LoadCertificate(settings))
                : builder.WithClientSecret(settings.AppPassword!.Trim());
            return builder.Build();
        }
        catch (ArgumentException ex)
        {
            throw new TeamsConnectorException(0, "not_configured", Redact(settings, $"Cannot get a Teams connector token from '{authority}': {ex.Message}"));
        }
    }

    private static X509Certificate2 LoadCertificate(TeamsOptions settings)
    {
        try
        {
            return X509CertificateLoader.LoadPkcs12FromFile(settings.CertificatePath!, settings.CertificatePassword);
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new TeamsConnectorException(
                0, "certificate_unreadable", Redact(settings, $"Cannot read the certificate {TeamsOptions.Section}:CertificatePath '{settings.CertificatePath}': {ex.Message}"));
        }
    }

    private TeamsConnectorException Failed(TeamsOptions settings, string authority, int status, string code, string detail)
    {
        var firstLine = detail.Split('\n', 2)[0].Trim();
        if (firstLine.Length > MaxDetailLength)
        {
            firstLine = firstLine[..MaxDetailLength] + "…";
        }

        LogTokenFailed(logger, settings.AppId ?? "", authority, code, status);
        var message = $"Could not get a Teams connector token for app {settings.AppId} from {authority}: {code}" + (status > 0 ? $" (HTTP {status})" : "") + $". {firstLine}";
        return new TeamsConnectorException(status, code, Redact(settings, message));
    }

    /// <summary>Entra's own words (<c>error_description</c>, e.g. <c>AADSTS7000215: Invalid client secret provided.</c>) rather than MSAL's general advice.</summary>
    private static string? Description(string? responseBody)
    {
        try
        {
            return string.IsNullOrWhiteSpace(responseBody)
                ? null
                : JsonNode.Parse(responseBody)?["error_description"] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Blanks the password and the certificate's password wherever an identity provider or a library repeated them.</summary>
    private static string Redact(TeamsOptions settings, string text)
    {
        foreach (var secret in new[] { settings.AppPassword?.Trim(), settings.CertificatePassword })
        {
            if (!string.IsNullOrEmpty(secret))
            {
                text = text.Replace(secret, "***", StringComparison.Ordinal);
            }
        }

        return text;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Got a Teams connector token for app {AppId} from {Authority}, valid until {ExpiresOn}")]
    private static partial void LogTokenIssued(ILogger logger, string appId, string authority, DateTimeOffset expiresOn);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not get a Teams connector token for app {AppId} from {Authority}: {Code} (HTTP {Status})")]
    private static partial void LogTokenFailed(ILogger logger, string appId, string authority, string code, int status);
}
