using ChatOpsRelease.Bot.Kubernetes;
using k8s.Models;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Metrics.Gates;

/// <summary>Which pods a side's restarts are read from, and how the reasons read.</summary>
public sealed class PodRestartsTests
{
    [Fact]
    public void Selector_IsTheDeploymentsSelector_WithTheSidesTrack()
    {
        var selector = new V1LabelSelector
        {
            MatchLabels = new Dictionary<string, string> { ["app"] = "checkout", ["track"] = "canary", ["tier"] = "web" },
            MatchExpressions =
            [
                new() { Key = "zone", OperatorProperty = "In", Values = ["a", "b"] },
                new() { Key = "legacy", OperatorProperty = "DoesNotExist" },
                new() { Key = "owner", OperatorProperty = "Exists" },
                new() { Key = "env", OperatorProperty = "NotIn", Values = ["test"] },
            ],
        };

        Assert.Equal("app=checkout,tier=web,track=stable,zone in (a,b),!legacy,owner,env notin (test)", PodRestarts.Selector(selector, "stable"));
        Assert.Equal("track=canary", PodRestarts.Selector(null, "canary"));
    }

    [Fact]
    public void Note_CountsTheLastReasons_MostFrequentFirst()
    {
        var count = new PodRestartCount(3, 5, new Dictionary<string, int> { ["Error"] = 1, ["OOMKilled"] = 2 }, "app=checkout,track=canary");

        Assert.Equal("OOMKilled ×2, Error ×1", count.Note);
        Assert.Null((count with { LastReasons = new Dictionary<string, int>() }).Note);
    }
}
