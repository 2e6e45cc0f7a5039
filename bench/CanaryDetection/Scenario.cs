using ChatOpsRelease.Commands.Analysis;

namespace ChatOpsRelease.Bench.CanaryDetection;

/// <summary>What one run saw: when the first Fail and the first Pass came (null when never), and the last data judged.</summary>
internal sealed record RunResult(int Seed, TimeSpan? FirstFail, TimeSpan? FirstPass, string LastHeadline, ComparisonData? LastData);

/// <summary>Many seeded runs of one canary: each looks every few seconds until the first Fail or the horizon.</summary>
internal sealed record Scenario(string Name, string Version, int Weight, double RequestsPerSecond, TimeSpan Horizon)
{
    public async Task<List<RunResult>> RunAsync(int runs, AnalysisSettings settings, TimeSpan look)
    {
        var results = new List<RunResult>(runs);
        for (var seed = 1; seed <= runs; seed++)
        {
            await using var canary = await SimulatedCanary.StartAsync(Version, Weight, RequestsPerSecond, seed);
            TimeSpan? firstFail = null, firstPass = null;
            var headline = string.Empty;
            ComparisonData? last = null;
            while (canary.Age < Horizon && firstFail is null)
            {
                canary.Tick();
                if (canary.Age.Ticks % look.Ticks != 0)
                {
                    continue;
                }

                var (verdict, data) = canary.Judge(settings);
                (headline, last) = (verdict.Headline, data);
                firstFail ??= verdict.Outcome == VerdictOutcome.Fail ? canary.Age : null;
                firstPass ??= verdict.Outcome == VerdictOutcome.Pass ? canary.Age : null;
            }

            results.Add(new RunResult(seed, firstFail, firstPass, headline, last));
        }

        return results;
    }
}
