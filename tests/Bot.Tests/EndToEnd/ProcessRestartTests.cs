using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using ChatOpsRelease.Bot.Tests.Support;
using ChatOpsRelease.Sandbox;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.EndToEnd;

/// <summary>
/// The real bot as a child process (<c>dotnet ChatOpsRelease.Bot.dll</c>, terminal chat on its standard streams) against a
/// sandbox cluster in the test process, reached through a kubeconfig. The process is killed with SIGKILL while a step waits
/// for its pods, started again on the same data folder, and must carry that step on from where the cluster stands —
/// finishing it once, without applying anything twice.
/// </summary>
/// <remarks>
/// The step interrupted is <c>promote checkout 25%</c>, not the deploy: at 0% every router gives the canary no pods, so the
/// deploy step finishes as soon as the Deployment is written and never waits for a rollout. Scaling the canary to one
/// pod waits <see cref="PodReadyDelay"/> for it to become ready (the replica router shrinks the stable Deployment only
/// after that), which leaves time to kill the bot in the middle.
/// </remarks>
public sealed class ProcessRestartTests
{
    private static readonly TimeSpan PodReadyDelay = TimeSpan.FromSeconds(4);

    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    /// <summary>The deploy step's success line (the status reply quotes it again, without the mark).</summary>
    private const string Deployed = "✓ checkout v2.0.0 is deployed as `checkout-canary` at 0% — no traffic yet.";

    /// <summary>The promote step's success line.</summary>
    private const string Promoted = "✓ checkout canary v2.0.0 now serves 25% (1 of 4 pods).";

    [Fact]
    public async Task KilledWhileAStepWaitsForPods_TheRestartedBotCarriesTheStepOnOnce()
    {
        await using var cluster = await SandboxFixture.StartAsync(PodReadyDelay);
        var folder = Directory.CreateTempSubdirectory("chatops-process-restart-").FullName;
        var kubeconfig = cluster.Sandbox.WriteKubeconfig(Path.Combine(folder, "kubeconfig"));
        var environment = new Dictionary<string, string>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            ["Kubernetes__Source"] = "kubeconfig",
            ["Kubernetes__KubeconfigPath"] = kubeconfig,
            ["Kubernetes__ClusterName"] = "prod-eu",
            ["Kubernetes__RolloutPollInterval"] = "00:00:00.030",
            ["Kubernetes__RolloutTimeout"] = "00:00:30",
            ["Storage__DataDirectory"] = Path.Combine(folder, "data"),
            ["Jobs__QueuePollInterval"] = "00:00:00.050",
            ["Chat__Console__WaitForJobs"] = "00:00:30",
            ["Logging__LogLevel__ChatOpsRelease"] = "Information",
        };
        BotProcess? first = null;
        BotProcess? second = null;
        try
        {
            await WaitUntilAsync(() => ReadyReplicas(cluster.Sandbox, "checkout") == 4, "the seeded stable pods to become ready", null);

            // First run: deploy, then promote; killed while the canary pod is still starting.
            first = BotProcess.Start(environment);
            await first.SendAsync("deploy checkout v2.0.0\npromote checkout 25%");
            await WaitUntilAsync(() => Replicas(cluster.Sandbox, "checkout-canary") == 1, "the promote step to scale the canary", first);
            Assert.Equal(0, ReadyReplicas(cluster.Sandbox, "checkout-canary"));
            var canaryGeneration = Generation(cluster.Sandbox, "checkout-canary");
            var stableGeneration = Generation(cluster.Sandbox, "checkout");
            first.Kill();
            Assert.Contains(Deployed, first.Output);
            Assert.DoesNotContain(Promoted, first.Output);
            Assert.Equal(4, Replicas(cluster.Sandbox, "checkout"));

            // Second run on the same data folder: it says it restarted and finishes the step it was running.
            second = BotProcess.Start(environment);
            await WaitUntilAsync(() => second.Output.Contains(Promoted, StringComparison.Ordinal), "the promote step to be carried on", second);
            Assert.Equal(1, ReadyReplicas(cluster.Sandbox, "checkout-canary")); // the canary served before stable gave capacity away
            Assert.Contains("I restarted at ", second.Output);
            Assert.Contains("the step that was running (send 25% of traffic to the canary) is carried out again from where the cluster stands", second.Output);
            Assert.True(second.Output.IndexOf("I restarted at ", StringComparison.Ordinal) < second.Output.IndexOf(Promoted, StringComparison.Ordinal), second.Output);

            await second.SendAsync("status checkout");
            await WaitUntilAsync(() => second.Output.Contains("2. send 25% of traffic to the canary — applied", StringComparison.Ordinal), "the status reply", second);
            var everything = first.Output + second.Output;
            Assert.Equal(1, Count(everything, Deployed));
            Assert.Equal(1, Count(everything, Promoted));
            Assert.Contains("running as a canary, traffic to canary 25% — started by", second.Output);
            Assert.Contains("1. create the canary at 0% — applied", second.Output);
            Assert.DoesNotContain("3. ", second.Output[second.Output.IndexOf("1. create the canary", StringComparison.Ordinal)..]);

            // One application of each step: the canary was scaled to 1 once, the stable Deployment shrunk to 3 once.
            Assert.Equal(1, Replicas(cluster.Sandbox, "checkout-canary"));
            Assert.Equal(canaryGeneration, Generation(cluster.Sandbox, "checkout-canary"));
            Assert.Equal(3, Replicas(cluster.Sandbox, "checkout"));
            Assert.Equal(stableGeneration + 1, Generation(cluster.Sandbox, "checkout"));
            Assert.Equal("registry.example/checkout:v1.0.0", Image(cluster.Sandbox, "checkout"));
            Assert.Equal("registry.example/checkout:v2.0.0", Image(cluster.Sandbox, "checkout-canary"));

            // Back to where it started; at the end of its input the bot stops by itself.
            await second.SendAsync("rollback checkout");
            await WaitUntilAsync(() => second.Output.Contains("is rolled back.", StringComparison.Ordinal), "the rollback", second);
            second.CloseInput();
            Assert.True(await second.WaitForExitAsync(Limit), "The bot did not stop after its input ended:\n" + second.Describe());
            Assert.Equal(0, second.ExitCode);
            Assert.Null(cluster.Sandbox.GetObject("Deployment", "shop", "checkout-canary"));
            Assert.Equal(4, Replicas(cluster.Sandbox, "checkout"));
        }
        finally
        {
            first?.Dispose();
            second?.Dispose();
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // A file still being released by the exiting process; the temp folder is cleaned up later.
            }
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what, BotProcess? bot)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > Limit)
            {
                Assert.Fail($"Timed out after {Limit.TotalSeconds} s waiting for {what}." + (bot is null ? string.Empty : "\n" + bot.Describe()));
            }

            if (bot is { HasExited: true })
            {
                Assert.Fail($"The bot exited while the test waited for {what}.\n{bot.Describe()}");
            }

            await Task.Delay(20);
        }
    }

    private static int Count(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private static JsonObject Deployment(SandboxCluster sandbox, string name) =>
        sandbox.GetObject("Deployment", "shop", name) ?? throw new InvalidOperationException($"Deployment shop/{name} does not exist.");

    private static int? Replicas(SandboxCluster sandbox, string name) =>
        sandbox.GetObject("Deployment", "shop", name)?["spec"]?["replicas"]?.GetValue<int>();

    private static int ReadyReplicas(SandboxCluster sandbox, string name) =>
        sandbox.GetObject("Deployment", "shop", name)?["status"]?["readyReplicas"]?.GetValue<int>() ?? 0;

    private static long Generation(SandboxCluster sandbox, string name) =>
        Deployment(sandbox, name)["metadata"]!["generation"]!.GetValue<long>();

    private static string Image(SandboxCluster sandbox, string name) =>
        Deployment(sandbox, name)["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]!.GetValue<string>();
}
