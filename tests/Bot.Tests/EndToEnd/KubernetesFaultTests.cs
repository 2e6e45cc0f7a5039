using System.Text.RegularExpressions;
using ChatOpsRelease.Bot.Chat.Console;
using ChatOpsRelease.Bot.Tests.Support;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Xunit;
using Xunit.Abstractions;

namespace ChatOpsRelease.Bot.Tests.EndToEnd;

/// <summary>
/// The whole bot against a sandbox whose Kubernetes API fails on purpose: releases go through, or fail saying so, and
/// the cluster always agrees with what the release records.
/// </summary>
public sealed class KubernetesFaultTests(ITestOutputHelper log)
{
    /// <summary>
    /// 20 % of the requests of every verb fail: reads, creates and deletes with 500 or 503; update and patch with 500 or
    /// 503 (10 %) or 409 Conflict (10 %). Every request also waits 2 ms.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string?> TwentyPercent = new Dictionary<string, string?>
    {
        ["Sandbox:Faults:ErrorRate"] = "0.2",
        ["Sandbox:Faults:Verbs:update:ErrorRate"] = "0.1",
        ["Sandbox:Faults:Verbs:update:ConflictRate"] = "0.1",
        ["Sandbox:Faults:Verbs:patch:ErrorRate"] = "0.1",
        ["Sandbox:Faults:Verbs:patch:ConflictRate"] = "0.1",
        ["Sandbox:Faults:Latency"] = "00:00:00.002",
    };

    /// <summary>Each router once: weights by the ladder (`next`) or named, then everyone.</summary>
    private static readonly FaultyApp[] Apps =
    [
        new("checkout", "v2.0.0", "replicas", ["next", "next", "next", "full"]),
        new("payments", "v3.2.0", "nginx", ["10%", "30%", "60%", "full"]),
        new("search", "v5.3.0", "gateway", ["next", "next", "next", "full"]),
    ];

    [Fact]
    public async Task FullReleases_UnderTwentyPercentFaultsOnEveryVerb_KeepTheClusterConsistentAfterEveryStep()
    {
        var runs = await RunAsync([1, 2, 3], TwentyPercent);

        Assert.True(runs.Sum(r => r.Steps) >= runs.Length * Apps.Length * 2, "the runs carried out too few steps to say anything");
    }

    [Fact]
    public async Task WhenRetriesRunOutUnderTwentyPercentFaults_TheStepFailsSayingSo_TheClusterStaysConsistent_AndTheRollbackSucceeds()
    {
        var runs = await RunAsync([1, 2, 4, 5, 7, 9], new Dictionary<string, string?>(TwentyPercent) { ["Kubernetes:Retries"] = "2" });

        Assert.True(runs.Sum(r => r.Failed) > 0, "no step failed, so this says nothing about retries running out");
        foreach (var run in runs)
        {
            // A release whose step failed was rolled back, and that rollback went through.
            Assert.Equal(run.Ends.Count(e => e.EndsWith(" RolledBack", StringComparison.Ordinal)), Regex.Matches(run.Terminal, @"✓ \w+ is back on v[\d.]+ \(4 pods\)").Count);
        }
    }

    /// <summary>
    /// Runs the apps' releases once per seed, side by side, and checks what every run must show: no disagreement between
    /// the cluster and a release after any command; every app ended complete or rolled back; faults were injected and
    /// retried; every failed step told in the thread, in a sentence, never with a stack trace.
    /// </summary>
    private async Task<FaultyRunFigures[]> RunAsync(int[] seeds, IReadOnlyDictionary<string, string?> faults)
    {
        var runs = await Task.WhenAll(seeds.Select(seed => FaultyReleaseRun.RunAsync(seed, Apps, new Dictionary<string, string?>(faults))));
        foreach (var run in runs)
        {
            log.WriteLine(run.ToString());
            Assert.True(run.Problems.Count == 0, $"{run}\n{string.Join("\n", run.Problems)}\n{run.Terminal}");
            Assert.All(run.Ends, end => Assert.Matches(" (Completed|RolledBack)$", end));
            Assert.True(run.Errors > 0 && run.Retries > 0, run.ToString());
            var told = Regex.Matches(run.Terminal, @"✗ \w+: could not .+? Release \w{8} is now failed; `rollback \w+` returns everyone to v[\d.]+\.").Count;
            Assert.True(told == run.Failed, $"{run.Failed} steps failed but the terminal told {told}:\n{run.Terminal}");
            Assert.DoesNotContain("   at ", run.Terminal, StringComparison.Ordinal);
        }

        log.WriteLine($"all: {runs.Sum(r => r.Steps)} steps ({runs.Sum(r => r.Failed)} failed), {runs.Sum(r => r.Requests)} requests, "
            + $"{runs.Sum(r => r.Errors)} errors and {runs.Sum(r => r.Conflicts)} conflicts injected, {runs.Sum(r => r.Retries)} retries "
            + $"({runs.Sum(r => r.GaveUp)} gave up), {runs.Sum(r => r.Checks)} consistency checks, {runs.Sum(r => r.Problems.Count)} problems");
        return runs;
    }

    [Fact]
    public async Task WhenRetriesRunOut_TheStepFailsSayingWhereTheClusterIs_WhichMatchesTheRelease_AndARollbackSucceeds()
    {
        using var script = new DrivenScript();
        var output = new StringWriter();
        var settings = new Dictionary<string, string?>
        {
            ["Kubernetes:Retries"] = "2",
            ["Kubernetes:RetryDelay"] = "00:00:00.005",
            ["Kubernetes:RetryMaxDelay"] = "00:00:00.020",
            ["Sandbox:Traffic:Enabled"] = "false",
            ["Logging:Console:LogLevel:Default"] = "None",
        };
        await using var host = await BotTestHost.CreateAsync(string.Empty, settings, configure: builder =>
        {
            builder.Services.RemoveAll<ConsoleIo>();
            builder.Services.AddSingleton(new ConsoleIo(script, TextWriter.Synchronized(output), interactive: false));
        });
        var store = host.App.Services.GetRequiredService<IReleaseStore>();

        // Once the step has grown the canary to 2 pods, every attempt of its next replace — shrinking stable — fails.
        var armed = 0;
        host.Sandbox.Changed += change =>
        {
            if (change.Kind == "Deployment" && change.Name == "checkout-canary" && Volatile.Read(ref armed) == 1
                && (int?)host.Sandbox.GetObject("Deployment", "shop", "checkout-canary")?["spec"]?["replicas"] == 2
                && Interlocked.Exchange(ref armed, 2) == 1)
            {
                host.Sandbox.Faults.FailNext("update", 3);
            }
        };

        var running = host.RunToEndAsync(TimeSpan.FromSeconds(90));
        Release release;
        (ReleaseState State, int Effective, IReadOnlyList<string> Problems) failed;
        try
        {
            Assert.True(await script.AskedAsync(TimeSpan.FromSeconds(30)));
            await SayAsync("deploy checkout v2.0.0");
            await SayAsync("promote checkout 25%");
            Volatile.Write(ref armed, 1);
            release = await SayAsync("promote checkout 50%");
            failed = (release.State, release.EffectiveWeight, ReleaseConsistency.Problems(host.Sandbox, release, "replicas"));
            release = await SayAsync("rollback checkout");
        }
        finally
        {
            script.Say(null);
            await running;
        }

        var text = output.ToString();
        Assert.Equal((ReleaseState.Failed, 25), (failed.State, failed.Effective));
        Assert.Empty(failed.Problems);
        Assert.Contains(
            $"✗ checkout: could not send 50% of traffic to the canary — the Kubernetes API failed to update Deployment shop/checkout (3 attempts): "
            + "the server is currently unable to handle the request (fault injection) (HTTP 503). "
            + "I undid what the step had changed: the cluster is back to the canary v2.0.0 at 25%. "
            + $"Release {release.Id} is now failed; `rollback checkout` returns everyone to v1.0.0.",
            text, StringComparison.Ordinal);
        Assert.Contains($"✓ checkout is back on v1.0.0 (4 pods); the canary is removed. Release {release.Id} is rolled back.", text, StringComparison.Ordinal);
        Assert.Equal(ReleaseState.RolledBack, release.State);
        Assert.Empty(ReleaseConsistency.Problems(host.Sandbox, release, "replicas"));
        Assert.Equal((2, 3L), (Volatile.Read(ref armed), host.Sandbox.Faults.Counts()["update"].Errors));

        async Task<Release> SayAsync(string line)
        {
            script.Say(line);
            Assert.True(await script.AskedAsync(TimeSpan.FromSeconds(60)), $"`{line}` did not finish:\n{output}");
            return await store.LatestAsync("checkout", default) ?? throw new InvalidOperationException($"No release after `{line}`:\n{output}");
        }
    }
}
