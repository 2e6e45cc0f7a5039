using System.Text.RegularExpressions;
using Npgsql;

namespace ChatOpsRelease.Bot.Storage.Postgres;

/// <summary>The PostgreSQL database several bot processes share. Section <c>Storage:Postgres</c>.</summary>
public sealed partial class PostgresOptions
{
    /// <summary>
    /// An Npgsql connection string (<c>Host=db;Database=chatops;Username=bot;Password=…</c>). A secret: give it as the
    /// secret file or environment variable <c>Storage__Postgres__ConnectionString</c>; it is never logged or shown.
    /// </summary>
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>The schema of the bot's tables, created at start; Hangfire's jobs go to <c>&lt;schema&gt;_jobs</c>.</summary>
    public string Schema { get; set; } = "chatops";

    /// <summary>The schema Hangfire keeps the job queue in.</summary>
    public string JobsSchema => $"{Schema}_jobs";

    /// <summary>Every problem of the settings, as sentences that never contain the connection string.</summary>
    internal IEnumerable<string> Problems()
    {
        if (!SchemaName().IsMatch(Schema))
        {
            yield return $"Storage:Postgres:Schema '{Schema}' must be a lower-case name of letters, digits and '_' (at most 50, starting with a letter or '_').";
        }

        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return "Storage:Postgres:ConnectionString is needed when Storage:Provider is postgres (e.g. Host=db;Database=chatops;Username=bot, with the password from a secret file Storage__Postgres__ConnectionString).";
            yield break;
        }

        if (Parse() is not { } builder)
        {
            yield return "Storage:Postgres:ConnectionString is not a valid PostgreSQL connection string (expected Key=Value pairs separated by ';', e.g. Host=db;Database=chatops;Username=bot).";
        }
        else if (string.IsNullOrWhiteSpace(builder.Host))
        {
            yield return "Storage:Postgres:ConnectionString names no Host.";
        }
    }

    /// <summary>Where the connection string points, for messages: <c>host:port/database as user</c>, never the password.</summary>
    internal string Describe() =>
        Parse() is { } b ? $"{b.Host}:{b.Port}/{b.Database ?? b.Username} as {b.Username ?? "(default user)"}" : "(unreadable connection string)";

    internal NpgsqlConnectionStringBuilder? Parse()
    {
        try
        {
            return new NpgsqlConnectionStringBuilder(ConnectionString);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,49}$")]
    private static partial Regex SchemaName();
}
