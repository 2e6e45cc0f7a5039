using ChatOpsRelease.Bot.Storage.Postgres;
using ChatOpsRelease.Bot.Tests.Storage;
using ChatOpsRelease.Bot.Tests.Support;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;
using Xunit;
using Xunit.Abstractions;

namespace ChatOpsRelease.Bot.Tests.EndToEnd;

/// <summary>
/// Two bot processes on one PostgreSQL database and one cluster; one of them is killed with SIGKILL at a random moment
/// of a release (20 trials, one app each, seeded) and started again, while the other runs throughout. Every release
/// resumes to the end of what was accepted, no step is carried out twice, and the cluster agrees with every release.
/// </summary>
public sealed class ReplicaKillTests(ITestOutputHelper output) : PostgresTest
{
    private const int Trials = 20;
    private const string Ready = "Type `help` for the commands.";

    [Fact]
    public async Task KilledAtRandomMomentsOfTwentyReleases_EveryReleaseResumes_AndNoStepRunsTwice()
    {
        await using var cluster = await SharedCluster.StartAsync(Trials, TimeSpan.FromMilliseconds(400));
        var folder = Directory.CreateTempSubdirectory("chatops-kill-").FullName;
        var store = new PostgresReleaseStore(Storage.OpenDatabase(TimeProvider.System));
        var audit = new PostgresAuditLog(Storage.OpenDatabase(TimeProvider.System));
        var random = new Random(20261127);
        var interrupted = 0;
        using var other = BotProcess.Start(cluster.Environment(Storage.ConnectionString, Path.Combine(folder, "other")));
        var killed = await StartAsync(cluster, Path.Combine(folder, "killed"));
        try
        {
            await WaitForAsync(() => other.Output.Contains(Ready, StringComparison.Ordinal), "the other replica to start", other);
            for (var trial = 1; trial <= Trials; trial++)
            {
                var app = SharedCluster.App(trial);
                await killed.SendAsync($"deploy {app} v2\npromote {app} 50%\npromote {app} full");
                await WaitForAsync(() => store.LatestAsync(app, default).Result is not null, $"{app}'s release to be accepted", killed);
                await Task.Delay(random.Next(0, 1500));
                if ((await store.LatestAsync(app, default))!.Steps.Any(s => s.Status == StepStatus.Running))
                {
                    interrupted++;
                }

                killed.Kill();
                killed.Dispose();
                killed = await StartAsync(cluster, Path.Combine(folder, "killed"));
            }

            var problems = new List<string>();
            for (var trial = 1; trial <= Trials; trial++)
            {
                var app = SharedCluster.App(trial);
                var release = await SettledAsync(store, app);
                problems.AddRange(ReleaseConsistency.Problems(cluster.Sandbox, release, "replicas"));
                var entries = await audit.RecentAsync(app, 100, default);
                foreach (var step in release.Steps)
                {
                    var done = entries.Count(e => e.Command.StartsWith($"step {step.Id}:", StringComparison.Ordinal) && e.Outcome == AuditOutcome.Done);
                    if (done > 1 || step.Status != StepStatus.Applied)
                    {
                        problems.Add($"{app}: step {step.Id} ({step.Describe()}) is {step.Status} with {done} 'done' entries");
                    }
                }
            }

            output.WriteLine($"{Trials} kills, {interrupted} while a step was running; releases: "
                + string.Join(", ", (await Task.WhenAll(Enumerable.Range(1, Trials).Select(n => store.LatestAsync(SharedCluster.App(n), default))))
                    .GroupBy(r => r!.State).Select(g => $"{g.Count()} {g.Key}")));
            Assert.Empty(problems);
            Assert.True(interrupted >= 5, $"Only {interrupted} of {Trials} kills landed while a step ran; the trials do not test what they should.");
        }
        finally
        {
            killed.Kill();
            killed.Dispose();
            other.Kill();
            Directory.Delete(folder, recursive: true);
        }
    }

    private async Task<BotProcess> StartAsync(SharedCluster cluster, string data)
    {
        var bot = BotProcess.Start(cluster.Environment(Storage.ConnectionString, data));
        await WaitForAsync(() => bot.Output.Contains(Ready, StringComparison.Ordinal), "a replica to start", bot);
        return bot;
    }

    /// <summary>The release once no step of it is open (bounded: 60 s).</summary>
    private static async Task<Release> SettledAsync(PostgresReleaseStore store, string app)
    {
        for (var i = 0; i < 1200; i++)
        {
            if (await store.LatestAsync(app, default) is { HasOpenSteps: false } release)
            {
                return release;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"{app}'s release still has open steps after a minute.");
    }

    private static async Task WaitForAsync(Func<bool> condition, string what, BotProcess bot)
    {
        for (var i = 0; i < 1200 && !condition(); i++)
        {
            Assert.False(bot.HasExited, $"The bot exited while waiting for {what}.\n{bot.Describe()}");
            await Task.Delay(25);
        }

        Assert.True(condition(), $"Waited 30 s for {what}.\n{bot.Describe()}");
    }
}
