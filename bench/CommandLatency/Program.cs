using System.Diagnostics;
using System.Globalization;
using ChatOpsRelease.Bench;
using ChatOpsRelease.Bot;
using ChatOpsRelease.Bot.Chat.Console;
using ChatOpsRelease.Bot.Kubernetes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

// Command-to-cluster latency on embedded defaults: the time from a line typed in the terminal chat to the
// sandbox API server storing the Deployment change it causes (the spec write, not the rollout that follows).
// Usage: dotnet run -c Release --project bench/CommandLatency -- [commands=200]
var commands = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200;
var folder = Directory.CreateTempSubdirectory("chatops-bench-").FullName;
var input = new ChannelTextReader();
var output = new LineWatcher();
await using var app = await BotHost.CreateAsync(
    [$"--Storage:DataDirectory={folder}", $"--Sandbox:KubeconfigPath={Path.Combine(folder, "sandbox.kubeconfig")}", "--Urls=http://127.0.0.1:0"],
    builder =>
    {
        builder.Services.RemoveAll<ConsoleIo>();
        builder.Services.AddSingleton(new ConsoleIo(input, TextWriter.Synchronized(output), interactive: false));
    });
var sandbox = app.Services.GetRequiredService<ClusterConnection>().Sandbox!;
await app.StartAsync();

// A Deployment's generation grows only when its spec changes: the first such change after a line is sent is that line's effect.
var generations = new Dictionary<string, long>();
long Generation(string name) => sandbox.GetObject("Deployment", "shop", name)?["metadata"]?["generation"] is { } g ? long.Parse(g.ToJsonString(), CultureInfo.InvariantCulture) : 0;
TaskCompletionSource<long>? applied = null;
sandbox.Changed += change =>
{
    if (change.Kind == "Deployment" && Generation(change.Name) > generations.GetValueOrDefault(change.Name, -1))
    {
        applied?.TrySetResult(Stopwatch.GetTimestamp());
    }
};

async Task<double> MeasureAsync(string line)
{
    generations["checkout"] = Generation("checkout");
    generations["checkout-canary"] = Generation("checkout-canary");
    applied = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
    var sent = Stopwatch.GetTimestamp();
    input.Send(line);
    var at = await applied.Task.WaitAsync(TimeSpan.FromSeconds(30));
    var outcome = await output.NextAsync(["✓", "✗"], TimeSpan.FromSeconds(60));
    if (!outcome.StartsWith('✓'))
    {
        throw new InvalidOperationException($"`{line}` did not succeed: {outcome}");
    }

    return Stopwatch.GetElapsedTime(sent, at).TotalMilliseconds;
}

await MeasureAsync("deploy checkout v2.0.0");
var samples = new List<double>();
for (var i = 0; i < commands; i++)
{
    samples.Add(await MeasureAsync(i % 2 == 0 ? "promote canary 50%" : "promote canary 25% --force"));
}

input.End();
var slowest = samples.Select((ms, i) => (ms, i)).OrderByDescending(x => x.ms).Take(3).ToList();
samples.Sort();
double Percentile(double p) => samples[(int)Math.Ceiling(p * samples.Count) - 1];
Console.WriteLine($"commands: {samples.Count}");
Console.WriteLine($"p50: {Percentile(0.50):0.0} ms  p95: {Percentile(0.95):0.0} ms  p99: {Percentile(0.99):0.0} ms  max: {samples[^1]:0.0} ms  mean: {samples.Average():0.0} ms");
Console.WriteLine("slowest: " + string.Join(", ", slowest.Select(x => $"command {x.i + 1}: {x.ms:0} ms")));
await app.StopAsync();
Directory.Delete(folder, recursive: true);
