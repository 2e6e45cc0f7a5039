using System.Text.Json;
using System.Text.Json.Serialization;
using Npgsql;

namespace ChatOpsRelease.Bot.Storage.Postgres;

/// <summary>
/// How documents (releases, freezes) are written to <c>jsonb</c>: every property with a setter, records through their
/// constructors, enums by name (so reordering an enum never changes stored data). Computed, read-only properties
/// (<c>IsActive</c>, <c>Title</c>, <c>Target</c>, …) are left out: they follow from the stored ones.
/// </summary>
internal static class PostgresJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        IgnoreReadOnlyProperties = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Read<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"A stored {typeof(T).Name} is null.");

    /// <summary>Runs <paramref name="command"/> and reads its first column as documents.</summary>
    public static async Task<List<T>> ReadAllAsync<T>(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var documents = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            documents.Add(Read<T>(reader.GetString(0)));
        }

        return documents;
    }
}
