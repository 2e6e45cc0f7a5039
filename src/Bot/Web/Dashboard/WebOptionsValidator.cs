using System.Net;
using Microsoft.Extensions.Options;

namespace ChatOpsRelease.Bot.Web.Dashboard;

/// <summary>Checks the dashboard's access settings against the addresses the bot listens on.</summary>
internal sealed class WebOptionsValidator(IConfiguration configuration) : IValidateOptions<WebOptions>
{
    /// <summary>A shorter shared token is too easy to guess.</summary>
    public const int MinTokenLength = 16;

    public ValidateOptionsResult Validate(string? name, WebOptions options)
    {
        var errors = new List<string>();
        var auth = options.Auth;
        if (options.RefreshInterval < TimeSpan.FromMilliseconds(100) || options.RefreshInterval > TimeSpan.FromMinutes(1))
        {
            errors.Add($"Web:RefreshInterval is {options.RefreshInterval}; it must be between 100 ms and 1 min.");
        }

        if (string.IsNullOrWhiteSpace(auth.CookieName))
        {
            errors.Add("Web:Auth:CookieName must not be empty.");
        }

        if (auth.Is(WebAuthOptions.ModeNone))
        {
            var open = ListeningAddresses(configuration).Where(url => !IsLoopback(url)).ToList();
            if (open.Count > 0)
            {
                errors.Add($"Web:Auth:Mode is none, but the bot listens on {string.Join(", ", open)}, which other machines can reach; "
                    + "set Web:Auth:Mode to token or oidc, or listen on loopback only (e.g. Urls=http://127.0.0.1:5080).");
            }
        }
        else if (auth.Is(WebAuthOptions.ModeToken))
        {
            if (auth.Token is not { Length: >= MinTokenLength } || string.IsNullOrWhiteSpace(auth.Token))
            {
                errors.Add($"Web:Auth:Mode is token, so Web:Auth:Token must be set (at least {MinTokenLength} characters; a file Web__Auth__Token in the SecretsDirectory will do).");
            }
        }
        else if (auth.Is(WebAuthOptions.ModeOidc))
        {
            if (!Uri.TryCreate(auth.Authority, UriKind.Absolute, out var authority) || authority.Scheme is not ("https" or "http"))
            {
                errors.Add("Web:Auth:Mode is oidc, so Web:Auth:Authority must be the provider's absolute URL.");
            }

            if (string.IsNullOrWhiteSpace(auth.ClientId))
            {
                errors.Add("Web:Auth:Mode is oidc, so Web:Auth:ClientId must be set.");
            }

            if (string.IsNullOrWhiteSpace(auth.ClientSecret))
            {
                errors.Add("Web:Auth:Mode is oidc, so Web:Auth:ClientSecret must be set.");
            }
        }
        else
        {
            errors.Add($"Web:Auth:Mode '{auth.Mode}' is unknown; use none, token or oidc.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>Urls (or ASPNETCORE_URLS) and any Kestrel endpoints; ASP.NET Core's default when neither is set.</summary>
    private static IEnumerable<string> ListeningAddresses(IConfiguration configuration)
    {
        var urls = (configuration["urls"] ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var kestrel = configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(e => e["Url"]).OfType<string>();
        var all = urls.Concat(kestrel).ToList();
        return all.Count == 0 ? ["http://localhost:5000"] : all;
    }

    private static bool IsLoopback(string url)
    {
        var normalized = url.Replace("://*", "://any.invalid", StringComparison.Ordinal).Replace("://+", "://any.invalid", StringComparison.Ordinal);
        if (!Uri.TryCreate(normalized, UriKind.Absolute, out var uri))
        {
            return false;
        }

        return string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
    }
}
