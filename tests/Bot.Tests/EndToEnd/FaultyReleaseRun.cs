using ChatOpsRelease.Bot.Chat.Console;
using ChatOpsRelease.Bot.Kubernetes;
using ChatOpsRelease.Bot.Tests.Support;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace ChatOpsRelease.Bot.Tests.EndToEnd;

/// <summary>One app's release in a run: its version, its router, and the promotions after the deploy (the last one `full`).</summary>
internal sealed record FaultyApp(string App, string Version, string Router, IReadOnlyList<string> Promotions);

/// <summary>What one run saw.</summary>
/// <param name="Steps">Steps the bot carried out (applied or failed).</param>
/// <param name="Failed">Steps that failed (and were reported in the thread).</param>
/// <param name="Retries">Calls to the Kubernetes API made again after a fault.</param>
/// <param name="GaveUp">Calls that failed on every attempt.</param>
/// <param name="Checks">Times the cluster was compared with the release.</param>
internal sealed record FaultyRunFigures(
    int Seed, int Commands, int Steps, int Failed, int Retries, int GaveUp, long Requests, long Errors, long Conflicts, int Checks,
    IReadOnlyList<string> Problems, IReadOnlyList<string> Ends, string Terminal)
{
    /// <summary>What the thread said of the cluster after each failure: the step made after all, nothing changed, undone, or maybe part-way.</summary>
    public string Recoveries =>
        $"{Count("every change of the step was made")} made after all, {Count("Nothing in the cluster changed")} unchanged, "
        + $"{Count("I undid what the step had changed")} undone, {Count("may be part-way")} part-way";

    public override string ToString() =>
        $"seed {Seed}: {Commands} commands, {Steps} steps ({Failed} failed; after a failure: {Recoveries}), {Requests} API requests with {Errors} injected errors "
        + $"and {Conflicts} conflicts, {Retries} retries ({GaveUp} gave up), {Checks} consistency checks, {Problems.Count} problems; ends: {string.Join(", ", Ends)}";

    private int Count(string text) => Terminal.Split('\n').Count(l => l.Contains(text, StringComparison.Ordinal));
}

/// <summary>
/// The whole bot on the sandbox with faults injected into the Kubernetes API, driven through the terminal chat one
/// command at a time: each app is deployed and promoted step by step to everyone; a release whose step failed is rolled
/// back. After every command, once its jobs are done, the cluster is compared with what the release records.
/// </summary>
internal static class FaultyReleaseRun
{
    /// <summary>A command the API made the bot refuse (say a read failed for good) is said again, at most this often.</summary>
    private const int Tries = 4;

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    public static async Task<FaultyRunFigures> RunAsync(int seed, IReadOnlyList<FaultyApp> apps, IDictionary<string, string?> faults)
    {
        var settings = new Dictionary<string, string?>(faults)
        {
            ["Sandbox:Faults:Seed"] = seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Kubernetes:RetryDelay"] = "00:00:00.005",
            ["Kubernetes:RetryMaxDelay"] = "00:00:00.050",
            ["Sandbox:Traffic:Enabled"] = "false",
            [$"Logging:LogLevel:{typeof(KubernetesRetry).FullName}"] = "Information",

            // Counted from the captured log; the test's output would drown in them.
            ["Logging:Console:LogLevel:Default"] = "None",
        };
        var logs = new CapturingLoggerProvider();
        using var script = new DrivenScript();
        var output = new StringWriter();
        await using var host = await BotTestHost.CreateAsync(string.Empty, settings, configure: builder =>
        {
            builder.Services.RemoveAll<ConsoleIo>();
            builder.Services.AddSingleton(new ConsoleIo(script, TextWriter.Synchronized(output), interactive: false));
            builder.Logging.AddProvider(logs);
        });
        var store = host.App.Services.GetRequiredService<IReleaseStore>();
        var running = host.RunToEndAsync(Patience * apps.Count);
        var driver = new Driver(script, store, host, output);
        try
        {
            if (!await script.AskedAsync(Patience))
            {
                throw new TimeoutException($"The terminal did not start within {Patience.TotalSeconds} s.\n{output}");
            }

            foreach (var app in apps)
            {
                await driver.ReleaseAsync(app);
            }
        }
        finally
        {
            script.Say(null);
            await running;
        }

        var counts = host.Sandbox.Faults.Counts().Values;
        var steps = new List<ReleaseStep>();
        foreach (var app in apps)
        {
            steps.AddRange((await store.LatestAsync(app.App, default))?.Steps ?? []);
        }

        return new FaultyRunFigures(
            seed,
            driver.Commands,
            steps.Count(s => s.Status is StepStatus.Applied or StepStatus.Failed),
            steps.Count(s => s.Status == StepStatus.Failed),
            logs.Entries.Count(e => e.Category == typeof(KubernetesRetry).FullName && e.Message.StartsWith("Retry ", StringComparison.Ordinal)),
            logs.Entries.Count(e => e.Category == typeof(KubernetesRetry).FullName && e.Message.StartsWith("Gave up", StringComparison.Ordinal)),
            counts.Sum(c => c.Requests),
            counts.Sum(c => c.Errors),
            counts.Sum(c => c.Conflicts),
            driver.Checks,
            driver.Problems,
            driver.Ends,
            output.ToString());
    }

    private sealed class Driver(DrivenScript script, IReleaseStore store, BotTestHost host, StringWriter output)
    {
        public int Commands { get; private set; }

        public int Checks { get; private set; }

        public List<string> Problems { get; } = [];

        public List<string> Ends { get; } = [];

        /// <summary>Deploys the app, then promotes it as planned; a failed release is rolled back. Bounded by the tries of each command.</summary>
        public async Task ReleaseAsync(FaultyApp app)
        {
            var deployed = await SayUntilAsync(app, $"deploy {app.App} {app.Version}", r => r?.ToVersion == app.Version);
            var release = deployed;
            foreach (var promotion in app.Promotions)
            {
                if (release is not { State: ReleaseState.Canary })
                {
                    break;
                }

                var steps = release.Steps.Count;
                release = await SayUntilAsync(app, $"promote {app.App} {promotion}", r => r!.Steps.Count > steps);
            }

            for (var attempt = 0; release is { State: ReleaseState.Failed } && attempt < Tries; attempt++)
            {
                release = await SayUntilAsync(app, $"rollback {app.App}", r => r!.State != ReleaseState.Failed || r.Steps[^1].Kind == StepKind.Rollback);
            }

            Ends.Add($"{app.App} {release?.State.ToString() ?? "not deployed"}");
        }

        /// <summary>Says <paramref name="line"/> until <paramref name="accepted"/> holds for the app's release (a refusal is said again), checking the cluster after each.</summary>
        private async Task<Release?> SayUntilAsync(FaultyApp app, string line, Func<Release?, bool> accepted)
        {
            Release? release = null;
            for (var attempt = 0; attempt < Tries; attempt++)
            {
                script.Say(line);
                Commands++;
                if (!await script.AskedAsync(Patience))
                {
                    // The terminal asks for the next line once this one's jobs are done.
                    throw new TimeoutException($"`{line}` did not finish within {Patience.TotalSeconds} s.\n{output}");
                }

                release = await store.LatestAsync(app.App, default);
                if (release is not null && release.ToVersion == app.Version)
                {
                    Checks++;
                    Problems.AddRange(ReleaseConsistency.Problems(host.Sandbox, release, app.Router).Select(p => $"after `{line}`: {p}"));
                }

                if (accepted(release))
                {
                    return release;
                }
            }

            Problems.Add($"`{line}` was not carried out in {Tries} tries");
            return release;
        }
    }
}
