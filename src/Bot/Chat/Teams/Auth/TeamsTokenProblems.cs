using System.Globalization;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ChatOpsRelease.Bot.Chat.Teams.Auth;

/// <summary>
/// Short sentences saying why a token is refused, for the log and the audit. They quote claims (issuer, audience,
/// key id, service URL) cut to printable text, never the token or the library's exception text.
/// </summary>
internal static class TeamsTokenProblems
{
    private const int MaxShown = 100;

    public static string Describe(Exception? exception, JsonWebToken token) => exception switch
    {
        SecurityTokenInvalidAudienceException => $"the token's audience {Quoted(string.Join(", ", token.Audiences))} is not this bot's app id",
        SecurityTokenInvalidIssuerException => $"the token's issuer {Quoted(token.Issuer)} is not accepted",
        SecurityTokenExpiredException expired => $"the token expired at {Stamp(expired.Expires)}, more than 5 minutes ago",
        SecurityTokenNotYetValidException early => $"the token is not valid before {Stamp(early.NotBefore)}, more than 5 minutes from now",
        SecurityTokenNoExpirationException => "the token has no expiry",
        SecurityTokenInvalidLifetimeException => "the token's lifetime is invalid",
        SecurityTokenInvalidAlgorithmException => $"the token's algorithm {Quoted(token.Alg)} is not RS256, RS384 or RS512",
        SecurityTokenSignatureKeyNotFoundException => $"the token is signed by key {Quoted(token.Kid)}, which is not published",
        SecurityTokenInvalidSignatureException => "the token's signature does not verify",
        SecurityTokenMalformedException or ArgumentException => "the token is not a well-formed JWT",
        null => "the token is not valid",
        _ => $"the token is not valid ({exception.GetType().Name})",
    };

    /// <summary>A claim as it may appear in a problem: printable ASCII only, at most 100 characters, quoted.</summary>
    public static string Quoted(string? value) => value is null ? "(none)" : $"'{Shown(value)}'";

    /// <summary>A value cut to printable ASCII, at most 100 characters.</summary>
    public static string Shown(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        var text = new StringBuilder(Math.Min(value.Length, MaxShown + 1));
        foreach (var c in value.AsSpan(0, Math.Min(value.Length, MaxShown)))
        {
            text.Append(c is >= ' ' and <= '~' ? c : '?');
        }

        return value.Length > MaxShown ? text.Append('…').ToString() : text.ToString();
    }

    private static string Stamp(DateTime utc) => utc.ToString("u", CultureInfo.InvariantCulture);
}
