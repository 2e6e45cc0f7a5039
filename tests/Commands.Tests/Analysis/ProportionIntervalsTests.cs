using ChatOpsRelease.Commands.Analysis;

namespace ChatOpsRelease.Commands.Tests.Analysis;

public sealed class ProportionIntervalsTests
{
    private const int Places = 4;

    [Fact]
    public void TwoSidedZ_At95Percent_Is1Point96()
    {
        Assert.Equal(1.959964, ProportionIntervals.TwoSidedZ(0.95), 6);
        Assert.Equal(1.644854, ProportionIntervals.TwoSidedZ(0.90), 6);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(95.0)]
    [InlineData(double.NaN)]
    public void TwoSidedZ_OutsideZeroToOne_Throws(double confidence)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ProportionIntervals.TwoSidedZ(confidence));
    }

    // Newcombe (1998), "Two-sided confidence intervals for the single proportion", Statistics in Medicine 17:857–872,
    // Table I, method 3 (Wilson's score interval without continuity correction).
    [Theory]
    [InlineData(81, 263, 0.2553, 0.3662)]
    [InlineData(15, 148, 0.0624, 0.1605)]
    [InlineData(0, 20, 0.0000, 0.1611)]
    [InlineData(1, 29, 0.0061, 0.1718)]
    public void Wilson_MatchesPublishedIntervals(long events, long trials, double low, double high)
    {
        var interval = ProportionIntervals.Wilson(events, trials, 0.95);

        Assert.Equal(low, interval.Low, Places);
        Assert.Equal(high, interval.High, Places);
    }

    [Fact]
    public void Wilson_NoEvents_StartsAtZeroAndEndsAtZSquaredOverNPlusZSquared()
    {
        // By hand: with p = 0 the upper limit is z²/(n + z²) = 3.84146 / 2003.84146 = 0.0019170.
        var interval = ProportionIntervals.Wilson(0, 2000, 0.95);

        Assert.Equal(0, interval.Low);
        Assert.Equal(0.0019170, interval.High, 7);
    }

    [Fact]
    public void Wilson_EveryTrialAnEvent_EndsAtOne()
    {
        var interval = ProportionIntervals.Wilson(29, 29, 0.95);

        Assert.Equal(1, interval.High);
        Assert.Equal(0.8830, interval.Low, Places); // 1 − 0.1170, the mirror of 0/29's upper limit
    }

    // Newcombe (1998), "Interval estimation for the difference between independent proportions: comparison of eleven
    // methods", Statistics in Medicine 17:873–890, Table II, method 10 (the hybrid score interval).
    [Theory]
    [InlineData(56, 70, 48, 80, 0.0524, 0.3339)]
    [InlineData(9, 10, 3, 10, 0.1705, 0.8090)]
    [InlineData(6, 7, 2, 7, 0.0582, 0.8062)]
    [InlineData(5, 56, 0, 29, -0.0381, 0.1926)]
    [InlineData(0, 10, 0, 20, -0.1611, 0.2775)]
    [InlineData(0, 10, 0, 10, -0.2775, 0.2775)]
    [InlineData(10, 10, 0, 20, 0.6791, 1.0000)]
    [InlineData(10, 10, 0, 10, 0.6075, 1.0000)]
    public void NewcombeDifference_MatchesPublishedIntervals(long x1, long n1, long x2, long n2, double low, double high)
    {
        var interval = ProportionIntervals.NewcombeDifference(x1, n1, x2, n2, 0.95);

        Assert.Equal(low, interval.Low, Places);
        Assert.Equal(high, interval.High, Places);
    }

    [Fact]
    public void NewcombeDifference_ZeroErrorsOnBothSides_IsSymmetricAroundZero()
    {
        // By hand: d = 0, and each end is the other side's Wilson upper limit 3.84146 / 203.84146 = 0.018845.
        var interval = ProportionIntervals.NewcombeDifference(0, 200, 0, 200, 0.95);

        Assert.Equal(-0.018845, interval.Low, 6);
        Assert.Equal(0.018845, interval.High, 6);
    }

    [Fact]
    public void NewcombeDifference_AllAgainstNone_IsOneMinusTheWilsonHalfWidthsCombined()
    {
        // By hand: 10/10 has Wilson lower limit 10/13.84146 = 0.722467, 0/10 upper limit 0.277533,
        // so the lower end is 1 − √(0.277533² + 0.277533²) = 1 − 0.392491 = 0.607509.
        var interval = ProportionIntervals.NewcombeDifference(10, 10, 0, 10, 0.95);

        Assert.Equal(0.607509, interval.Low, 6);
        Assert.Equal(1, interval.High);
    }

    [Fact]
    public void NewcombeDifference_LowerConfidence_GivesANarrowerInterval()
    {
        var wide = ProportionIntervals.NewcombeDifference(56, 70, 48, 80, 0.95);
        var narrow = ProportionIntervals.NewcombeDifference(56, 70, 48, 80, 0.90);

        Assert.True(narrow.Low > wide.Low && narrow.High < wide.High);
        Assert.Equal(0.0766, narrow.Low, Places);
        Assert.Equal(0.3136, narrow.High, Places);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(5, 4)]
    [InlineData(-1, 4)]
    public void Wilson_ImpossibleCounts_Throw(long events, long trials)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ProportionIntervals.Wilson(events, trials, 0.95));
    }
}
