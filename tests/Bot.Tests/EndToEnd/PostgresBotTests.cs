using ChatOpsRelease.Bot.Jobs;
using ChatOpsRelease.Bot.Storage.Postgres;
using ChatOpsRelease.Bot.Tests.Storage;
using ChatOpsRelease.Bot.Tests.Support;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.EndToEnd;

/// <summary>The whole bot on PostgreSQL (<c>Storage:Provider=postgres</c>): the schema made at start, releases, audit and jobs in the database.</summary>
public sealed class PostgresBotTests : PostgresTest
{
    [Fact]
    public async Task DeployAndPromote_InTheTerminal_RunOnPostgres_AndLeaveTheReleaseInTheDatabase()
    {
        await using (var host = await BotTestHost.CreateAsync("deploy checkout v2.0.0\npromote canary 50%\npromote canary full\n", Settings()))
        {
            Assert.IsType<PostgresReleaseLocks>(host.App.Services.GetRequiredService<IReleaseLocks>());
            Assert.Equal("Hangfire.PostgreSql.PostgreSqlStorage", host.App.Services.GetRequiredService<JobStorage>().GetType().FullName);

            await host.RunToEndAsync();

            var lines = host.Terminal.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
            Assert.Contains(lines, l => l.StartsWith("✓ checkout v2.0.0 is deployed as `checkout-canary` at 0%", StringComparison.Ordinal));
            Assert.Contains("✓ checkout canary v2.0.0 now serves 50% (2 of 4 pods).", lines);
            Assert.Contains(lines, l => l.StartsWith("✓ checkout v2.0.0 is now the stable version on 4 pods; the canary is removed.", StringComparison.Ordinal));
            Assert.Null(host.Sandbox.GetObject("Deployment", "shop", "checkout-canary"));
        }

        var db = Storage.OpenDatabase(TimeProvider.System);
        var release = await new PostgresReleaseStore(db).LatestAsync("checkout", default);
        Assert.Equal((ReleaseState.Completed, "v2.0.0", 3), (release?.State, release?.ToVersion, release?.Steps.Count(s => s.Status == StepStatus.Applied)));
        var audit = await new PostgresAuditLog(db).RecentAsync("checkout", 50, default);
        Assert.Equal(3, audit.Count(e => e.Outcome == AuditOutcome.Accepted));
        Assert.Equal(3, audit.Count(e => e.Outcome == AuditOutcome.Done));
    }

    [Fact]
    public async Task ASecondBot_OnTheSameDatabase_SeesTheFirstOnesRelease()
    {
        await using (var first = await BotTestHost.CreateAsync("deploy checkout v2.0.0\n", Settings()))
        {
            await first.RunToEndAsync();
        }

        await using var second = await BotTestHost.CreateAsync("status checkout\n", Settings());
        await second.RunToEndAsync();

        Assert.Contains(second.Terminal.Split('\n'), l => l.Contains("checkout v1.0.0 → v2.0.0", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Teams_OnPostgres_RemembersItsConversationInTheDatabase()
    {
        string serviceUrl;
        await using (var host = await TeamsBotHost.StartAsync(Settings()))
        {
            Assert.IsType<PostgresTeamsConversations>(host.Bot.App.Services.GetRequiredService<ChatOpsRelease.Bot.Chat.Teams.ITeamsConversations>());
            serviceUrl = host.Teams.ServiceUrl.ToString();

            using var ack = await host.SayAsync("deploy checkout v2.0.0");

            await host.Teams.WaitForCallAsync(FakeTeamsOperation.Send, c => c.Json?["attachments"] is not null);
        }

        var stored = await new PostgresTeamsConversations(Storage.OpenDatabase(TimeProvider.System)).FindAsync(TeamsBotHost.Conversation, default);
        Assert.Equal((serviceUrl, "tenant-1"), (stored?.ServiceUrl, stored?.TenantId));
    }

    [Fact]
    public async Task TheConnectionString_FromASecretFile_IsUsed_AndNeverLogged()
    {
        var secrets = Directory.CreateTempSubdirectory("chatops-secrets-").FullName;
        await File.WriteAllTextAsync(Path.Combine(secrets, "Storage__Postgres__ConnectionString"), $"{Storage.ConnectionString};Password=hunter2\n");
        var logs = new CapturingLoggerProvider();
        var settings = new Dictionary<string, string?> { ["Storage:Provider"] = "postgres", ["SecretsDirectory"] = secrets, ["Logging:LogLevel:Default"] = "Trace" };

        await using (var host = await BotTestHost.CreateAsync("deploy checkout v2.0.0\n", settings, configure: b => b.Logging.AddProvider(logs)))
        {
            await host.RunToEndAsync();
        }

        Directory.Delete(secrets, recursive: true);
        Assert.NotNull(await new PostgresReleaseStore(Storage.OpenDatabase(TimeProvider.System)).LatestAsync("checkout", default));
        Assert.NotEmpty(logs.Entries);
        Assert.DoesNotContain(logs.Entries, e => e.AllText.Contains("hunter2", StringComparison.Ordinal));
    }

    private Dictionary<string, string?> Settings() => new()
    {
        ["Storage:Provider"] = "postgres",
        ["Storage:Postgres:ConnectionString"] = Storage.ConnectionString,
    };
}
