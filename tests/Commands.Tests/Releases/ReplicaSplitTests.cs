using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Commands.Tests.Releases;

public sealed class ReplicaSplitTests
{
    [Theory]
    [InlineData(0, 4, 0, 4, 0)]
    [InlineData(100, 4, 4, 0, 100)]
    [InlineData(20, 4, 1, 3, 25)]
    [InlineData(20, 5, 1, 4, 20)]
    [InlineData(50, 4, 2, 2, 50)]
    [InlineData(1, 4, 1, 3, 25)] // rounds to 0 pods: at least one canary pod above 0%
    [InlineData(99, 4, 3, 1, 75)] // rounds to all pods: at least one stable pod below 100%
    [InlineData(1, 100, 1, 99, 1)]
    [InlineData(99, 100, 99, 1, 99)]
    [InlineData(50, 3, 1, 2, 33)] // 1.5 pods: an exact half goes to the stable version
    [InlineData(50, 5, 2, 3, 40)]
    [InlineData(70, 5, 3, 2, 60)] // 3.5 pods
    [InlineData(30, 5, 1, 4, 20)] // 1.5 pods
    [InlineData(62, 4, 2, 2, 50)] // 2.48 pods
    [InlineData(50, 7, 3, 4, 43)]
    [InlineData(10, 3, 1, 2, 33)]
    [InlineData(90, 3, 2, 1, 67)]
    [InlineData(30, 7, 2, 5, 29)]
    [InlineData(50, 2, 1, 1, 50)]
    [InlineData(1, 2, 1, 1, 50)]
    [InlineData(99, 2, 1, 1, 50)]
    [InlineData(0, 1, 0, 1, 0)]
    [InlineData(100, 1, 1, 0, 100)]
    [InlineData(0, 0, 0, 0, 0)]
    [InlineData(100, 0, 0, 0, 0)]
    public void For_Weight_SplitsThePods(int weight, int total, int canary, int stable, int effective)
    {
        var (split, refusal) = ReplicaSplit.For(weight, total);

        Assert.Null(refusal);
        Assert.NotNull(split);
        Assert.Equal(new ReplicaSplit(weight, total, canary, stable), split);
        Assert.Equal(effective, split.Effective);
    }

    [Theory]
    [InlineData(1, 1, "With 1 pod ")]
    [InlineData(50, 1, "With 1 pod ")]
    [InlineData(99, 1, "With 1 pod ")]
    [InlineData(50, 0, "With 0 pods ")]
    public void For_TooFewPodsForAShare_IsRefused(int weight, int total, string start)
    {
        var (split, refusal) = ReplicaSplit.For(weight, total);

        Assert.Null(split);
        Assert.StartsWith(start, refusal, StringComparison.Ordinal);
        Assert.Contains("only send 0% or 100%", refusal, StringComparison.Ordinal);
        Assert.Contains("scale the stable Deployment up", refusal, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1, 4)]
    [InlineData(101, 4)]
    [InlineData(50, -1)]
    public void For_OutOfRange_Throws(int weight, int total)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ReplicaSplit.For(weight, total));
    }

    [Theory]
    [InlineData(20, 5, true)]
    [InlineData(50, 4, true)]
    [InlineData(0, 3, true)]
    [InlineData(100, 3, true)]
    [InlineData(20, 4, false)]
    [InlineData(1, 4, false)]
    [InlineData(50, 3, false)]
    public void IsExact_OnlyWhenThePodsCarryTheRequestedShare(int weight, int total, bool exact)
    {
        Assert.Equal(exact, ReplicaSplit.For(weight, total).Split!.IsExact);
    }

    [Theory]
    [InlineData(20, 4, "requested 20%, effective 25% (1 of 4 pods)")]
    [InlineData(20, 5, "20% (1 of 5 pods)")]
    [InlineData(0, 4, "0% (0 of 4 pods)")]
    [InlineData(100, 4, "100% (4 of 4 pods)")]
    [InlineData(33, 3, "requested 33%, effective 33.3% (1 of 3 pods)")]
    [InlineData(50, 3, "requested 50%, effective 33.3% (1 of 3 pods)")]
    [InlineData(1, 4, "requested 1%, effective 25% (1 of 4 pods)")]
    public void Describe_SaysRequestedAndEffective(int weight, int total, string expected)
    {
        Assert.Equal(expected, ReplicaSplit.For(weight, total).Split!.Describe());
    }
}
