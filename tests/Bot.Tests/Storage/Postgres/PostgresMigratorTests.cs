using ChatOpsRelease.Bot.Storage.Postgres;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Storage.Postgres;

/// <summary>The schema is created and migrated by the bot itself, safely when several processes start at once.</summary>
public sealed class PostgresMigratorTests : PostgresTest
{
    [Fact]
    public async Task Migrating_Twice_AppliesEveryMigrationOnce()
    {
        var db = Open();

        var first = await PostgresMigrator.MigrateAsync(db, TimeProvider.System, default);
        var second = await PostgresMigrator.MigrateAsync(db, TimeProvider.System, default);

        Assert.Equal(PostgresMigrations.All.Select(m => m.Version), first);
        Assert.Empty(second);
        Assert.Equal(PostgresMigrations.All.Select(m => m.Version), await VersionsAsync(db));
    }

    [Fact]
    public async Task ProcessesStartingTogether_AllSucceed_AndTheSchemaIsMigratedOnce()
    {
        var processes = Enumerable.Range(0, 6).Select(_ => Open()).ToList();

        var applied = await Task.WhenAll(processes.Select(db => Task.Run(() => PostgresMigrator.MigrateAsync(db, TimeProvider.System, default))));

        Assert.Single(applied, a => a.Count > 0);
        Assert.Equal(PostgresMigrations.All.Select(m => m.Version), applied.Single(a => a.Count > 0));
        Assert.Equal(PostgresMigrations.All.Select(m => m.Version), await VersionsAsync(processes[0]));
    }

    [Fact]
    public async Task TwoSchemas_InOneDatabase_KeepTheirReleasesApart()
    {
        var (blue, green) = (Open("blue"), Open("green"));
        var release = Release.Start(
            new NewRelease("checkout", "sandbox", "shop", "v1", "v2", "r/checkout:v1", "r/checkout:v2", 4, "console:me", new ConversationRef("console", "terminal")),
            DateTimeOffset.UnixEpoch);

        Assert.Null(await new PostgresReleaseStore(blue).TryCreateAsync(release, default));

        Assert.Null(await new PostgresReleaseStore(green).LatestAsync("checkout", default));
        Assert.Equal(release.Id, (await new PostgresReleaseStore(blue).LatestAsync("checkout", default))?.Id);
    }

    private PostgresDatabase Open(string schema = "chatops") => Storage.OpenDatabase(TimeProvider.System, schema);

    private static async Task<List<int>> VersionsAsync(PostgresDatabase db)
    {
        await using var command = db.DataSource.CreateCommand($"SELECT version FROM {db.Schema}.schema_migrations ORDER BY version");
        await using var reader = await command.ExecuteReaderAsync();
        var versions = new List<int>();
        while (await reader.ReadAsync())
        {
            versions.Add(reader.GetInt32(0));
        }

        return versions;
    }
}
