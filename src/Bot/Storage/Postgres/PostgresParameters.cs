using Npgsql;
using NpgsqlTypes;

namespace ChatOpsRelease.Bot.Storage.Postgres;

/// <summary>Parameters as the stores write them: null as SQL NULL, instants in UTC (what <c>timestamptz</c> takes), JSON as <c>jsonb</c>.</summary>
internal static class PostgresParameters
{
    public static NpgsqlCommand With(this NpgsqlCommand command, string name, object? value)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Parameters.AddWithValue(name, value switch
        {
            null => DBNull.Value,
            DateTimeOffset at => at.ToUniversalTime(),
            _ => value,
        });
        return command;
    }

    public static NpgsqlCommand WithJson(this NpgsqlCommand command, string name, string json)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Jsonb) { Value = json });
        return command;
    }

    /// <summary>A nullable <c>timestamptz</c> column as an instant.</summary>
    public static DateTimeOffset? GetInstantOrNull(this NpgsqlDataReader reader, int ordinal)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTimeOffset>(ordinal);
    }

    public static string? GetStringOrNull(this NpgsqlDataReader reader, int ordinal)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
    }
}
