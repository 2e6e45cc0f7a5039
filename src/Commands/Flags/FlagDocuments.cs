using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatOpsRelease.Commands.Flags;

/// <summary>
/// The content of an app's flag ConfigMap. Two keys: <see cref="FeatureManagementKey"/> in the configuration schema of
/// Microsoft.FeatureManagement (a .NET app adds the file to its configuration and needs no code of ours), and
/// <see cref="PlainKey"/>, the same flags as plain JSON for apps in other languages — and the bot's own record, with who
/// changed each flag and when.
/// </summary>
public static class FlagDocuments
{
    public const string FeatureManagementKey = "featuremanagement.json";
    public const string PlainKey = "flags.json";
    public const string Schema = "chatops-release/flags/v1";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static IReadOnlyDictionary<string, string> Render(string app, FlagSet flags)
    {
        ArgumentNullException.ThrowIfNull(flags);
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [FeatureManagementKey] = RenderFeatureManagement(flags).ToJsonString(Indented),
            [PlainKey] = RenderPlain(app, flags).ToJsonString(Indented),
        };
    }

    /// <summary>The flags in a ConfigMap's data; empty when there is no <see cref="PlainKey"/>.</summary>
    /// <exception cref="FormatException">The content is not what <see cref="Render"/> writes; the message says what is wrong.</exception>
    public static FlagSet Parse(IReadOnlyDictionary<string, string>? data)
    {
        if (data is null || !data.TryGetValue(PlainKey, out var text) || string.IsNullOrWhiteSpace(text))
        {
            return FlagSet.Empty;
        }

        try
        {
            var root = JsonNode.Parse(text) as JsonObject ?? throw new FormatException($"{PlainKey} is not a JSON object.");
            var flags = root["flags"] as JsonObject ?? [];
            return new FlagSet([.. flags.Select(pair => ReadFlag(pair.Key, pair.Value as JsonObject ?? throw new FormatException($"flag {pair.Key} is not an object.")))]);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            throw new FormatException($"{PlainKey} is not readable JSON of flags: {ex.Message}", ex);
        }
    }

    /// <summary>One flag in the Microsoft.FeatureManagement schema: <c>true</c>, <c>false</c>, or its filters.</summary>
    public static JsonNode RenderFeatureManagement(FeatureFlag flag)
    {
        ArgumentNullException.ThrowIfNull(flag);
        if (!flag.Enabled)
        {
            return JsonValue.Create(false);
        }

        var filters = new JsonArray();
        if (flag.RequestPercentage is { } share)
        {
            filters.Add(new JsonObject { ["Name"] = "Microsoft.Percentage", ["Parameters"] = new JsonObject { ["Value"] = share } });
        }
        else if (flag.HasAudience)
        {
            filters.Add(new JsonObject
            {
                ["Name"] = "Microsoft.Targeting",
                ["Parameters"] = new JsonObject
                {
                    ["Audience"] = new JsonObject
                    {
                        ["Users"] = new JsonArray([.. flag.Users.Select(u => JsonValue.Create(u))]),
                        ["Groups"] = new JsonArray([.. flag.Groups.Select(g => new JsonObject { ["Name"] = g.Name, ["RolloutPercentage"] = g.Percentage })]),
                        ["DefaultRolloutPercentage"] = flag.Percentage ?? 0,
                    },
                },
            });
        }

        if (flag.Until is { } end)
        {
            filters.Add(new JsonObject
            {
                ["Name"] = "Microsoft.TimeWindow",
                ["Parameters"] = new JsonObject { ["End"] = end.ToUniversalTime().ToString("r", CultureInfo.InvariantCulture) },
            });
        }

        return filters.Count == 0
            ? JsonValue.Create(true)
            : new JsonObject { ["RequirementType"] = "All", ["EnabledFor"] = filters };
    }

    private static JsonObject RenderFeatureManagement(FlagSet flags)
    {
        var features = new JsonObject();
        foreach (var flag in flags.Flags)
        {
            features[flag.Name] = RenderFeatureManagement(flag);
        }

        return new JsonObject { ["FeatureManagement"] = features };
    }

    private static JsonObject RenderPlain(string app, FlagSet flags)
    {
        var all = new JsonObject();
        foreach (var flag in flags.Flags)
        {
            all[flag.Name] = new JsonObject
            {
                ["enabled"] = flag.Enabled,
                ["percentage"] = flag.Percentage,
                ["requestPercentage"] = flag.RequestPercentage,
                ["users"] = new JsonArray([.. flag.Users.Select(u => JsonValue.Create(u))]),
                ["groups"] = new JsonArray([.. flag.Groups.Select(g => new JsonObject { ["name"] = g.Name, ["percentage"] = g.Percentage })]),
                ["until"] = flag.Until?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                ["changedBy"] = flag.ChangedBy,
                ["changedAt"] = flag.ChangedAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            };
        }

        return new JsonObject { ["schema"] = Schema, ["app"] = app, ["flags"] = all };
    }

    private static FeatureFlag ReadFlag(string name, JsonObject node) => new()
    {
        Name = name,
        Enabled = node["enabled"]?.GetValue<bool>() ?? false,
        Percentage = node["percentage"]?.GetValue<int>(),
        RequestPercentage = node["requestPercentage"]?.GetValue<int>(),
        Users = [.. (node["users"] as JsonArray ?? []).Select(u => u?.GetValue<string>() ?? throw new FormatException($"flag {name} has an empty user."))],
        Groups = [.. (node["groups"] as JsonArray ?? []).Select(g => new FlagGroup(
            g?["name"]?.GetValue<string>() ?? throw new FormatException($"flag {name} has a group without a name."),
            g["percentage"]?.GetValue<int>() ?? 100))],
        Until = Time(node["until"]),
        ChangedBy = node["changedBy"]?.GetValue<string>() ?? string.Empty,
        ChangedAt = Time(node["changedAt"]) ?? DateTimeOffset.UnixEpoch,
    };

    private static DateTimeOffset? Time(JsonNode? node) =>
        node is null ? null : DateTimeOffset.Parse(node.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
