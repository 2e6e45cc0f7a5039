using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;

namespace ChatOpsRelease.Bot.Web.Dashboard;

/// <summary>
/// Who may see the dashboards: anyone on this machine (the connection's own address, never a forwarded header), and
/// from elsewhere whoever shows the shared token or has signed in with the OpenID Connect provider.
/// </summary>
internal sealed class DashboardAccess(IOptions<WebOptions> options)
{
    private readonly WebAuthOptions _auth = options.Value.Auth;

    private readonly byte[]? _tokenHash = options.Value.Auth.Token is { Length: > 0 } token ? Hash(token) : null;

    /// <summary>Whether the request may be answered, without answering it (for the job dashboard).</summary>
    public bool IsAdmitted(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (IsLocal(context))
        {
            return true;
        }

        if (_auth.Is(WebAuthOptions.ModeToken))
        {
            return Matches(BearerToken(context.Request)) || Matches(context.Request.Cookies[_auth.CookieName]);
        }

        return _auth.Is(WebAuthOptions.ModeOidc) && context.User.Identity?.IsAuthenticated == true;
    }

    /// <summary>
    /// True when the request may go on. Otherwise the answer is written: 401 without a valid token, a redirect that
    /// keeps a <c>?token=</c> in a cookie (and out of the address bar), or the OpenID Connect provider's sign-in.
    /// </summary>
    public async Task<bool> AdmitAsync(HttpContext context)
    {
        if (IsAdmitted(context))
        {
            return true;
        }

        if (_auth.Is(WebAuthOptions.ModeOidc))
        {
            await context.ChallengeAsync(OpenIdConnectDefaults.AuthenticationScheme).ConfigureAwait(false);
            return false;
        }

        if (_auth.Is(WebAuthOptions.ModeToken) && Matches(context.Request.Query["token"].ToString()))
        {
            context.Response.Cookies.Append(_auth.CookieName, _auth.Token!, new CookieOptions
            {
                HttpOnly = true,
                Secure = context.Request.IsHttps,
                SameSite = SameSiteMode.Strict,
                Path = "/",
            });
            context.Response.Redirect(context.Request.PathBase + context.Request.Path);
            return false;
        }

        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        if (_auth.Is(WebAuthOptions.ModeToken))
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
        }

        return false;
    }

    private static bool IsLocal(HttpContext context) =>
        context.Connection.RemoteIpAddress is { } ip && IPAddress.IsLoopback(ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip);

    private static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
    }

    /// <summary>Compares hashes in constant time, so neither the token's content nor its length leaks through timing.</summary>
    private bool Matches(string? offered) =>
        _tokenHash is not null && !string.IsNullOrEmpty(offered) && CryptographicOperations.FixedTimeEquals(Hash(offered), _tokenHash);

    private static byte[] Hash(string value) => SHA256.HashData(Encoding.UTF8.GetBytes(value));
}
