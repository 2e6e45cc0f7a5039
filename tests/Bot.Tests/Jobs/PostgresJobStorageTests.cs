using System.Collections.Concurrent;
using ChatOpsRelease.Bot.Jobs;
using ChatOpsRelease.Bot.Tests.Storage;
using Hangfire;
using Hangfire.Common;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Jobs;

/// <summary>Hangfire on PostgreSQL: two bot processes (two storages, two servers) on one database share the queue, and a job runs once.</summary>
public sealed class PostgresJobStorageTests : PostgresTest
{
    private readonly string _run = Guid.NewGuid().ToString("N");

    [Fact]
    public async Task JobsEnqueuedWithTwoServersOnOneDatabase_EachRunOnce()
    {
        var jobs = new JobsOptions { QueuePollInterval = TimeSpan.FromMilliseconds(50), WorkerCount = 4 };
        var storages = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() => PostgresJobStorage.Create(Storage.OpenDatabase(TimeProvider.System), jobs))));
        var keys = Enumerable.Range(0, 40).Select(i => $"{_run}:{i}").ToList();
        using (var first = Server(storages[0], "first"))
        using (var second = Server(storages[1], "second"))
        {
            var clients = storages.Select(s => new BackgroundJobClient(s)).ToList();
            for (var i = 0; i < keys.Count; i++)
            {
                var key = keys[i];
                clients[i % 2].Enqueue(() => CountingJob.Count(key));
            }

            var monitor = storages[0].GetMonitoringApi();
            for (var wait = 0; wait < 600 && monitor.SucceededListCount() < keys.Count; wait++)
            {
                await Task.Delay(50);
            }

            var retried = monitor.ScheduledJobs(0, 5).Select(j => j.Value.Job?.ToString()).Concat(monitor.FailedJobs(0, 5).Select(j => j.Value.ExceptionMessage));
            Assert.True(monitor.SucceededListCount() == keys.Count, $"{monitor.SucceededListCount()} of {keys.Count} jobs succeeded; failed or retried: {string.Join("; ", retried)}");
        }

        Assert.All(keys, key => Assert.Equal(1, CountingJob.Runs.GetValueOrDefault(key)));
    }

    private static BackgroundJobServer Server(JobStorage storage, string name) =>
        new(new BackgroundJobServerOptions
        {
            // Its own activator and filters: bot hosts of other tests set Hangfire's process-wide ones to their (short-lived) containers.
            ServerName = name, WorkerCount = 4, SchedulePollingInterval = TimeSpan.FromSeconds(1), Activator = new JobActivator(), FilterProvider = new JobFilterCollection(),
        }, storage);
}

/// <summary>A job that counts its runs, by key.</summary>
public static class CountingJob
{
    internal static ConcurrentDictionary<string, int> Runs { get; } = new();

    public static void Count(string key) => Runs.AddOrUpdate(key, 1, (_, n) => n + 1);
}
