using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace ChatOpsRelease.Bot.Chat.Teams.Auth;

/// <summary>
/// The channels a Bot Framework signing key may speak for: its JWKS entry carries <c>"endorsements": ["msteams", …]</c>,
/// which IdentityModel keeps in <see cref="JsonWebKey.AdditionalData"/> (as a <see cref="JsonElement"/> when read from
/// JSON). A key without such an array endorses nothing.
/// </summary>
internal static class SigningKeyEndorsements
{
    public const string Property = "endorsements";

    /// <summary>Whether a key of <paramref name="keys"/> with id <paramref name="keyId"/> endorses <paramref name="channelId"/>.</summary>
    public static bool Endorses(JsonWebKeySet? keys, string? keyId, string channelId) =>
        keys is not null
        && !string.IsNullOrEmpty(keyId)
        && keys.Keys.Any(key => string.Equals(key.Kid, keyId, StringComparison.Ordinal) && Of(key).Contains(channelId, StringComparer.Ordinal));

    /// <summary>The channel ids the key lists; empty when it has no endorsements array.</summary>
    public static IReadOnlyList<string> Of(JsonWebKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!key.AdditionalData.TryGetValue(Property, out var value))
        {
            return [];
        }

        return value switch
        {
            JsonElement { ValueKind: JsonValueKind.Array } array =>
                [.. array.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)],
            IEnumerable<string> strings => [.. strings],
            IEnumerable<object> items => [.. items.OfType<string>()],
            _ => [],
        };
    }
}
