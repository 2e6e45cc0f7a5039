using System.Diagnostics;
using System.Globalization;
using ChatOpsRelease.Bench.CanaryDetection;
using ChatOpsRelease.Bot.Charts;
using ChatOpsRelease.Commands.Analysis;

// Usage: dotnet run -c Release --project bench/CanaryDetection -- [detection runs] [A/A runs] [margin, else the default]
var detectionRuns = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200;
var aaRuns = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200;
var settings = args.Length > 2
    ? new AnalysisSettings { MaxErrorRateIncrease = double.Parse(args[2], CultureInfo.InvariantCulture) }
    : new AnalysisSettings();
var look = TimeSpan.FromSeconds(5);

Console.WriteLine($"Judge settings: margin {settings.MaxErrorRateIncrease:0.###}, confidence {settings.Confidence}, at least {settings.MinRequests} requests a side, "
    + $"p95 limit {settings.MaxLatencyRatio} ×; a look every {look.TotalSeconds:0} s over the canary's whole life.");

// 1. A canary with five times stable's error rate (0.5 % → 2.5 %) at 10 % of 100 requests/s: how long until Fail?
var detection = new Scenario("detection", "v2.0.0-worse", Weight: 10, RequestsPerSecond: 100, Horizon: TimeSpan.FromMinutes(5), StopAtFail: true);
var detected = await detection.RunAsync(detectionRuns, settings, look);
Report.Detection(detected, detection);

// 2. Identical versions (A/A): how often does a run ever say Fail in 10 minutes of looks?
var aa = new Scenario("A/A", "v2.0.0", Weight: 10, RequestsPerSecond: 100, Horizon: TimeSpan.FromMinutes(10), StopAtFail: false);
var identical = await aa.RunAsync(aaRuns, settings, look);
Report.FalseAlarms(identical, aa);

// 3. Drawing the chart of a comparison (60 buckets a side), warm.
var data = identical.Select(r => r.LastData).Last(d => d is not null)!;
var verdict = CanaryJudge.Judge(data, null, settings);
var renderer = new ScottPlotChartRenderer();
for (var i = 0; i < 10; i++)
{
    renderer.Render(data, verdict, "warm-up");
}

var times = new List<double>();
var size = 0;
for (var i = 0; i < 200; i++)
{
    var watch = Stopwatch.StartNew();
    size = renderer.Render(data, verdict, "payments v1.0.0 (stable) vs v2.0.0 (canary) — last 10 min").Length;
    times.Add(watch.Elapsed.TotalMilliseconds);
}

Report.Render(times, size, data);
var file = Path.Combine(Path.GetTempPath(), "canary-detection-chart.png");
await File.WriteAllBytesAsync(file, renderer.Render(data, verdict, "payments v1.0.0 (stable) vs v2.0.0 (canary) — last 10 min"));
Console.WriteLine($"  the chart: {file}");
