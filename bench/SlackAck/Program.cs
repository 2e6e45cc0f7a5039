using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using ChatOpsRelease.Bench.SlackAck;
using ChatOpsRelease.Bot;
using ChatOpsRelease.Bot.Chat.Slack;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

// Slack acknowledgement latency: how long the bot takes to answer a signed slash command over HTTP on loopback
// (verify the signature, record the delivery, queue it), with many requests in flight at once.
// Usage: dotnet run -c Release --project bench/SlackAck -- [requests=2000] [concurrency=50] [command text="status checkout"]
const string Secret = "bench-signing-secret";
var total = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2000;
var concurrency = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 50;
var text = Uri.EscapeDataString(args.Length > 2 ? args[2] : "status checkout");
var folder = Directory.CreateTempSubdirectory("chatops-slack-bench-").FullName;
await using var slack = await QuietSlack.StartAsync();
await using var app = await BotHost.CreateAsync(
[
    $"--Storage:DataDirectory={folder}", $"--Sandbox:KubeconfigPath={Path.Combine(folder, "sandbox.kubeconfig")}", "--Urls=http://127.0.0.1:0",
    "--Chat:Console:Enabled=false", $"--Chat:Slack:SigningSecret={Secret}", "--Chat:Slack:BotToken=xoxb-bench",
    $"--Chat:Slack:ApiBaseUrl={slack.ApiBaseUrl}", "--Chat:Slack:PostInterval=00:00:00",
]);
await app.StartAsync();
var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
using var http = new HttpClient { BaseAddress = new Uri(address) };

async Task<double> SendAsync(int n)
{
    var body = Encoding.UTF8.GetBytes(
        $"team_id=T1&channel_id=C{n % 7}&user_id=U{n % 13}&user_name=u&command=%2Frelease&text={text}&trigger_id=bench-{n}-{Guid.NewGuid():N}");
    var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
    using var request = new HttpRequestMessage(HttpMethod.Post, "/slack/commands") { Content = new ByteArrayContent(body) };
    request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
    request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
    request.Headers.Add("X-Slack-Signature", SlackSignature.Sign(Secret, timestamp, body));
    var started = Stopwatch.GetTimestamp();
    using var response = await http.SendAsync(request);
    var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    response.EnsureSuccessStatusCode();
    return elapsed;
}

for (var i = 0; i < 200; i++)
{
    await SendAsync(-i - 1); // warm-up: JIT, connection pool, LiteDB pages
}

var samples = new double[total];
var next = -1;
var pausedBefore = GC.GetTotalPauseDuration();
var gen2Before = GC.CollectionCount(2);
var wall = Stopwatch.StartNew();
await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
{
    int n;
    while ((n = Interlocked.Increment(ref next)) < total)
    {
        samples[n] = await SendAsync(n);
    }
}));
wall.Stop();
Array.Sort(samples);
double Percentile(double p) => samples[(int)Math.Ceiling(p * samples.Length) - 1];
Console.WriteLine($"requests: {total}, in flight: {concurrency}, {total / wall.Elapsed.TotalSeconds:0} requests/s");
Console.WriteLine($"ack p50: {Percentile(0.50):0.0} ms  p95: {Percentile(0.95):0.0} ms  p99: {Percentile(0.99):0.0} ms  max: {samples[^1]:0.0} ms");
Console.WriteLine($"garbage collection during the run: {(GC.GetTotalPauseDuration() - pausedBefore).TotalMilliseconds:0} ms paused, {GC.CollectionCount(2) - gen2Before} full collections");
await app.StopAsync();
Directory.Delete(folder, recursive: true);
