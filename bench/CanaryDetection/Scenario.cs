using ChatOpsRelease.Commands.Analysis;

namespace ChatOpsRelease.Bench.CanaryDetection;

/// <summary>
/// What one run saw: when the first Fail (and what it said) and the first Pass came (null when never), the last
/// headline and data judged, and the
/// outcome of the look at each whole minute (the verdict a single <c>compare</c> at that moment would have given).
/// </summary>
internal sealed record RunResult(
    int Seed, TimeSpan? FirstFail, string? FailHeadline, TimeSpan? FirstPass, string LastHeadline, ComparisonData? LastData, IReadOnlyList<VerdictOutcome> EachMinute);

/// <summary>
/// Many seeded runs of one canary: each looks every few seconds until the horizon, or until the first Fail when
/// <paramref name="StopAtFail"/>.
/// </summary>
internal sealed record Scenario(string Name, string Version, int Weight, double RequestsPerSecond, TimeSpan Horizon, bool StopAtFail)
{
    public async Task<List<RunResult>> RunAsync(int runs, AnalysisSettings settings, TimeSpan look)
    {
        var results = new List<RunResult>(runs);
        for (var seed = 1; seed <= runs; seed++)
        {
            await using var canary = await SimulatedCanary.StartAsync(Version, Weight, RequestsPerSecond, seed);
            TimeSpan? firstFail = null, firstPass = null;
            string? failHeadline = null;
            var headline = string.Empty;
            ComparisonData? last = null;
            var eachMinute = new List<VerdictOutcome>();
            while (canary.Age < Horizon && !(StopAtFail && firstFail is not null))
            {
                canary.Tick();
                if (canary.Age.Ticks % look.Ticks != 0)
                {
                    continue;
                }

                var (verdict, data) = canary.Judge(settings);
                (headline, last) = (verdict.Headline, data);
                if (firstFail is null && verdict.Outcome == VerdictOutcome.Fail)
                {
                    (firstFail, failHeadline) = (canary.Age, verdict.Headline);
                }

                firstPass ??= verdict.Outcome == VerdictOutcome.Pass ? canary.Age : null;
                if (canary.Age.Ticks % TimeSpan.TicksPerMinute == 0)
                {
                    eachMinute.Add(verdict.Outcome);
                }
            }

            results.Add(new RunResult(seed, firstFail, failHeadline, firstPass, headline, last, eachMinute));
        }

        return results;
    }
}
