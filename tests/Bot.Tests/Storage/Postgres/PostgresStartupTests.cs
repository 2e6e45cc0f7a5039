using ChatOpsRelease.Bot.Storage;
using ChatOpsRelease.Bot.Storage.Postgres;
using ChatOpsRelease.Bot.Tests.Support;
using Microsoft.Extensions.Options;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Storage.Postgres;

/// <summary>Storage:Postgres is checked at start: every mistake named at once, an unreachable database said plainly, the password never.</summary>
public sealed class PostgresStartupTests
{
    [Fact]
    public void EveryMistakeOfTheSettings_IsNamedAtOnce()
    {
        var options = new StorageOptions
        {
            Provider = "Postgres",
            DataDirectory = " ",
            Postgres = new PostgresOptions { ConnectionString = "Host=db;Password=hunter2;Nonsense=1", Schema = "Chat-Ops" },
        };

        var result = new StorageOptionsValidator().Validate(null, options);

        Assert.Equal(
            [
                "Storage:DataDirectory must name a folder.",
                "Storage:Postgres:Schema 'Chat-Ops' must be a lower-case name of letters, digits and '_' (at most 50, starting with a letter or '_').",
                "Storage:Postgres:ConnectionString is not a valid PostgreSQL connection string (expected Key=Value pairs separated by ';', e.g. Host=db;Database=chatops;Username=bot).",
            ],
            result.Failures);
    }

    [Fact]
    public void TheEmbeddedDefault_DoesNotLookAtThePostgresSettings()
    {
        var options = new StorageOptions { Postgres = new PostgresOptions { Schema = "Not Checked" } };

        Assert.True(new StorageOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public async Task AnUnreachableDatabase_StopsTheStart_WithASentenceThatHidesThePassword()
    {
        var port = PrometheusServer.FreePort();
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "postgres",
            ["Storage:Postgres:ConnectionString"] = $"Host=127.0.0.1;Port={port};Database=chatops;Username=bot;Password=hunter2;Timeout=5",
        };

        var ex = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var host = await BotTestHost.CreateAsync(string.Empty, settings);
            await host.RunToEndAsync(TimeSpan.FromSeconds(20));
        });

        var problem = Assert.Single(Assert.IsType<OptionsValidationException>(ex).Failures);
        Assert.StartsWith($"Storage:Postgres: the database at 127.0.0.1:{port}/chatops as bot cannot be used: ", problem);
        Assert.DoesNotContain("hunter2", problem);
        Assert.DoesNotContain("hunter2", ex.ToString());
    }
}
