using ChatOpsRelease.Commands.Analysis;

namespace ChatOpsRelease.Commands.Tests.Analysis;

public sealed class MetricWindowTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(1, 5, 12)]          // under 2.5 min: the 5 s floor
    [InlineData(15, 15, 60)]
    [InlineData(20, 20, 60)]
    [InlineData(45, 60, 45)]
    [InlineData(60, 60, 60)]
    [InlineData(121, 180, 41)]
    [InlineData(90, 120, 45)]
    [InlineData(24 * 60, 1800, 48)]
    [InlineData(7 * 24 * 60, 10800, 56)]
    public void Ending_CutsTheWindowIntoThirtyToSixtyRoundBuckets(int minutes, int stepSeconds, int buckets)
    {
        var window = MetricWindow.Ending(Now, TimeSpan.FromMinutes(minutes));

        Assert.Equal(Now, window.To);
        Assert.Equal(Now.AddMinutes(-minutes), window.From);
        Assert.Equal(TimeSpan.FromSeconds(stepSeconds), window.Step);
        Assert.Equal(buckets, (int)Math.Ceiling(window.Length / window.Step));
    }

    [Fact]
    public void Ending_AnyLengthFromAMinuteToAWeek_HasAtMostSixtyBucketsAndAtLeastThirtyAboveTheFloor()
    {
        for (var minutes = 1; minutes <= 7 * 24 * 60; minutes += 7)
        {
            var window = MetricWindow.Ending(Now, TimeSpan.FromMinutes(minutes));
            var buckets = window.Length / window.Step;

            Assert.True(buckets <= MetricWindow.MostBuckets, $"{minutes} min: {buckets} buckets");
            Assert.True(buckets > 30 || window.Step == MetricWindow.ShortestStep, $"{minutes} min: {buckets} buckets of {window.Step}");
        }
    }
}
