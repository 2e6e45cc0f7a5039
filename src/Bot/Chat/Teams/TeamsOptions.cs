using Microsoft.Extensions.Options;

namespace ChatOpsRelease.Bot.Chat.Teams;

/// <summary>
/// Microsoft Teams, through the Bot Framework. Section <c>Chat:Teams</c>. Teams is on when an app id is set (or, for
/// a local emulator only, when <see cref="AllowUnauthenticated"/> is). Secrets come from environment variables or
/// secret files and are never logged.
/// </summary>
public sealed class TeamsOptions
{
    public const string Section = "Chat:Teams";

    /// <summary>The bot's Microsoft App ID (its Entra application id): the audience of inbound tokens and the client id of outbound ones.</summary>
    public string? AppId { get; set; }

    /// <summary>The app's client secret, for outbound tokens (or use <see cref="CertificatePath"/>).</summary>
    public string? AppPassword { get; set; }

    /// <summary>A PFX certificate to authenticate the app with instead of a password.</summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }

    /// <summary>Set for a single-tenant bot: outbound tokens come from this tenant, and its issuers are also accepted inbound.</summary>
    public string? TenantId { get; set; }

    /// <summary>Where the Bot Framework publishes its OpenID configuration (issuer and signing keys) for inbound tokens.</summary>
    public string OpenIdMetadataUrl { get; set; } = "https://login.botframework.com/v1/.well-known/openidconfiguration";

    /// <summary>The issuer of inbound tokens from Teams.</summary>
    public string Issuer { get; set; } = "https://api.botframework.com";

    /// <summary>The authority outbound tokens are requested from; <c>{tenant}</c> becomes the tenant id or <c>botframework.com</c>.</summary>
    public string Authority { get; set; } = "https://login.microsoftonline.com/{tenant}";

    /// <summary>The scope of outbound tokens.</summary>
    public string Scope { get; set; } = "https://api.botframework.com/.default";

    /// <summary>
    /// Accept requests without a token and call the connector without one. Only for a local emulator (such as the
    /// Agents Playground); the bot announces it loudly at start.
    /// </summary>
    public bool AllowUnauthenticated { get; set; }

    /// <summary>How long signing keys are kept before they are fetched again (an unknown key id fetches them at once).</summary>
    public TimeSpan KeyCacheLifetime { get; set; } = TimeSpan.FromDays(5);

    /// <summary>Timeout of one call to the connector or the metadata endpoints.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Retries of a connector call answered 429, 412, 502 or 504 (exponential backoff with jitter).</summary>
    public int Retries { get; set; } = 4;

    /// <summary>The least time between two messages sent to one conversation (Teams allows about seven a second).</summary>
    public TimeSpan SendInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    public bool Enabled => Has(AppId) || AllowUnauthenticated;

    internal static bool Has(string? value) => !string.IsNullOrWhiteSpace(value);
}

internal sealed class TeamsOptionsValidator : IValidateOptions<TeamsOptions>
{
    public ValidateOptionsResult Validate(string? name, TeamsOptions options)
    {
        var errors = new List<string>();
        var anySecret = TeamsOptions.Has(options.AppPassword) || TeamsOptions.Has(options.CertificatePath);
        if (!options.Enabled)
        {
            return anySecret || TeamsOptions.Has(options.TenantId)
                ? ValidateOptionsResult.Fail("Chat:Teams is half configured: AppId is missing (the bot's Microsoft App ID; set Chat__Teams__AppId).")
                : ValidateOptionsResult.Success;
        }

        if (TeamsOptions.Has(options.AppId) && !anySecret && !options.AllowUnauthenticated)
        {
            errors.Add("Chat:Teams is half configured: AppPassword (or CertificatePath) is missing, so the bot could not answer.");
        }

        if (TeamsOptions.Has(options.CertificatePath) && !File.Exists(options.CertificatePath))
        {
            errors.Add($"Chat:Teams:CertificatePath '{options.CertificatePath}' does not exist.");
        }

        if (!Uri.TryCreate(options.OpenIdMetadataUrl, UriKind.Absolute, out var metadata) || metadata.Scheme is not ("https" or "http"))
        {
            errors.Add($"Chat:Teams:OpenIdMetadataUrl '{options.OpenIdMetadataUrl}' is not an http(s) address.");
        }

        if (!Uri.TryCreate(options.Authority.Replace("{tenant}", "t", StringComparison.Ordinal), UriKind.Absolute, out var authority) || authority.Scheme != "https")
        {
            errors.Add($"Chat:Teams:Authority '{options.Authority}' is not an https address (tokens are only requested over https).");
        }

        if (options.KeyCacheLifetime <= TimeSpan.Zero || options.RequestTimeout <= TimeSpan.Zero || options.SendInterval < TimeSpan.Zero || options.Retries is < 0 or > 10)
        {
            errors.Add("Chat:Teams: KeyCacheLifetime and RequestTimeout must be positive, SendInterval not negative, Retries 0–10.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
