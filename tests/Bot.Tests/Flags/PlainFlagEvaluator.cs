using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace ChatOpsRelease.Bot.Tests.Flags;

/// <summary>
/// The evaluation of <c>flags.json</c> that docs/flags-apps.md gives to apps in other languages, written out so the
/// tests can hold it against Microsoft.FeatureManagement's own answers.
/// </summary>
internal sealed class PlainFlagEvaluator(string flagsJson)
{
    private readonly JsonObject _flags = (JsonNode.Parse(flagsJson)?["flags"] as JsonObject)
        ?? throw new FormatException("flags.json has no flags object.");

    public bool IsOn(string name, string? user, IReadOnlyList<string> groups, DateTimeOffset now)
    {
        if (_flags[name] is not JsonObject flag || flag["enabled"]?.GetValue<bool>() != true)
        {
            return false;
        }

        if (flag["until"]?.GetValue<string>() is { } until
            && now >= DateTimeOffset.Parse(until, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal))
        {
            return false;
        }

        var percentage = flag["percentage"]?.GetValue<int>();
        var users = (flag["users"] as JsonArray ?? []).Select(u => u!.GetValue<string>()).ToList();
        var listed = (flag["groups"] as JsonArray ?? []).ToDictionary(g => g!["name"]!.GetValue<string>(), g => g!["percentage"]!.GetValue<int>(), StringComparer.Ordinal);
        if (percentage is null && users.Count == 0 && listed.Count == 0)
        {
            return true;
        }

        if (user is not null && users.Contains(user, StringComparer.Ordinal))
        {
            return true;
        }

        if (groups.Any(group => listed.TryGetValue(group, out var share) && IsInside($"{user}\n{name}\n{group}", share)))
        {
            return true;
        }

        return IsInside($"{user}\n{name}", percentage ?? 0);
    }

    /// <summary>
    /// Where an id falls in [0, 100]: the first four bytes of the SHA-256 of its UTF-8 bytes, read as a little-endian
    /// unsigned 32-bit number, divided by 2^32 − 1, times 100.
    /// </summary>
    public static double Bucket(string id) =>
        BinaryPrimitives.ReadUInt32LittleEndian(SHA256.HashData(Encoding.UTF8.GetBytes(id))) / (double)uint.MaxValue * 100;

    private static bool IsInside(string id, int percentage) => percentage >= 100 || Bucket(id) < percentage;
}
