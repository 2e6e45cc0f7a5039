using System.Diagnostics;
using Npgsql;

namespace ChatOpsRelease.Bot.Tests.Support;

/// <summary>
/// The PostgreSQL server of this test run: the one named by <c>CHATOPS_TEST_POSTGRES</c> (<c>./test.sh</c> starts one
/// and sets it), or else one this process starts itself with <c>tests/tools/postgres.sh</c> — a throwaway cluster on a
/// free loopback port, stopped and removed when the process ends. Each test takes a fresh database of it
/// (<see cref="CreateDatabaseAsync"/>).
/// </summary>
internal static class PostgresServer
{
    public const string Variable = "CHATOPS_TEST_POSTGRES";

    private static readonly Lazy<Task<string>> Server = new(StartAsync);

    /// <summary>The server's administrative connection string.</summary>
    public static Task<string> ConnectionStringAsync() => Server.Value;

    /// <summary>A new, empty database on the server, dropped when disposed.</summary>
    public static async Task<PostgresTestDatabase> CreateDatabaseAsync()
    {
        var admin = await ConnectionStringAsync();
        var name = $"test_{Guid.NewGuid():N}";
        await ExecuteAsync(admin, $"CREATE DATABASE {name}");
        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
        return new PostgresTestDatabase(admin, name, builder.ConnectionString);
    }

    internal static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<string> StartAsync()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } given)
        {
            return given;
        }

        var script = FindScript();
        var folder = Path.Combine(Path.GetTempPath(), $"chatops-pg-{Guid.NewGuid():N}"[..24]);
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { script, "start", folder, Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash could not be started.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"tests/tools/postgres.sh could not start PostgreSQL ({await errors}). Run ./test.sh, which installs it (apt-get install postgresql), "
                + $"or set {Variable} to the connection string of a server the tests may create databases on.");
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop(script, folder);
        return (await output).Trim();
    }

    private static void Stop(string script, string folder)
    {
        using var stop = Process.Start("bash", [script, "stop", folder]);
        stop?.WaitForExit(TimeSpan.FromSeconds(20));
    }

    private static string FindScript()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "tools", "postgres.sh");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("tests/tools/postgres.sh was not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>A database of its own for one test; dropped (with any session still on it) when disposed.</summary>
internal sealed class PostgresTestDatabase(string admin, string name, string connectionString) : IAsyncDisposable
{
    public string ConnectionString { get; } = connectionString;

    public string Name { get; } = name;

    public ValueTask DisposeAsync() => new(PostgresServer.ExecuteAsync(admin, $"DROP DATABASE IF EXISTS {Name} WITH (FORCE)"));
}
