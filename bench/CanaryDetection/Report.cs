using System.Globalization;
using ChatOpsRelease.Commands.Analysis;

namespace ChatOpsRelease.Bench.CanaryDetection;

/// <summary>Prints the figures bench/README.md records.</summary>
internal static class Report
{
    public static void Detection(List<RunResult> runs, Scenario scenario)
    {
        var found = runs.Where(r => r.FirstFail is not null).Select(r => r.FirstFail!.Value.TotalSeconds).Order().ToList();
        var passedFirst = runs.Count(r => r.FirstPass is not null);
        Console.WriteLine();
        Console.WriteLine($"Detection — {scenario.Version} (2.5 % errors) against v1.0.0 (0.5 %) at {scenario.Weight} % of {scenario.RequestsPerSecond} requests/s, {runs.Count} runs:");
        Console.WriteLine($"  failed within {scenario.Horizon.TotalSeconds:0} s: {found.Count} of {runs.Count}; ever passed: {passedFirst}");
        if (found.Count > 0)
        {
            Console.WriteLine($"  time to Fail: median {Quantile(found, 0.5):0} s, p90 {Quantile(found, 0.9):0} s, p95 {Quantile(found, 0.95):0} s, max {found[^1]:0} s");
            Console.WriteLine($"  within 60 s: {found.Count(s => s <= 60) * 100.0 / runs.Count:0.#} % of runs");
        }

        foreach (var missed in runs.Where(r => r.FirstFail is null).Take(3))
        {
            Console.WriteLine($"  not failed (seed {missed.Seed}): {missed.LastHeadline}");
        }
    }

    public static void FalseAlarms(List<RunResult> runs, Scenario scenario)
    {
        var alarms = runs.Where(r => r.FirstFail is not null).ToList();
        var passes = runs.Where(r => r.FirstPass is not null).Select(r => r.FirstPass!.Value.TotalSeconds).Order().ToList();
        Console.WriteLine();
        Console.WriteLine($"False alarms — {scenario.Version} identical to v1.0.0 at {scenario.Weight} %, {runs.Count} runs of {scenario.Horizon.TotalMinutes:0} min:");
        Console.WriteLine($"  runs with any Fail: {alarms.Count} of {runs.Count} ({alarms.Count * 100.0 / runs.Count:0.0#} %)");
        var single = runs.SelectMany(r => r.EachMinute).ToList();
        var singleFails = single.Count(o => o == VerdictOutcome.Fail);
        Console.WriteLine($"  single looks at each whole minute that said Fail: {singleFails} of {single.Count} ({singleFails * 100.0 / Math.Max(1, single.Count):0.0##} %)");
        if (passes.Count > 0)
        {
            Console.WriteLine($"  runs that reached Pass: {passes.Count}; time to Pass median {Quantile(passes, 0.5):0} s, p95 {Quantile(passes, 0.95):0} s");
        }

        foreach (var alarm in alarms.Take(5))
        {
            Console.WriteLine($"  seed {alarm.Seed} at {alarm.FirstFail!.Value.TotalSeconds:0} s: {alarm.FailHeadline}");
        }
    }

    public static void Render(List<double> milliseconds, int bytes, ComparisonData data)
    {
        var sorted = milliseconds.Order().ToList();
        Console.WriteLine();
        Console.WriteLine($"Chart render (warm, {sorted.Count} renders, {data.Stable.Buckets.Count} + {data.Canary.Buckets.Count} buckets, {bytes / 1024.0:0.#} KiB PNG):");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  p50 {Quantile(sorted, 0.5):0.0} ms, p95 {Quantile(sorted, 0.95):0.0} ms, max {sorted[^1]:0.0} ms"));
    }

    /// <summary>The nearest-rank quantile of sorted values.</summary>
    private static double Quantile(List<double> sorted, double q) => sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)];
}
