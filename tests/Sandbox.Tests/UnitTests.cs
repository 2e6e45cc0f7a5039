using System.Text.Json.Nodes;
using ChatOpsRelease.Sandbox.Patching;
using ChatOpsRelease.Sandbox.Selectors;
using ChatOpsRelease.Sandbox.Simulator;
using ChatOpsRelease.Sandbox.Tables;
using Xunit;

namespace ChatOpsRelease.Sandbox.Tests;

public sealed class UnitTests
{
    [Theory]
    [InlineData("app=web", true)]
    [InlineData("app!=web", false)]
    [InlineData("app in (api, web)", true)]
    [InlineData("app notin (web)", false)]
    [InlineData("track", false)]
    [InlineData("!track", true)]
    [InlineData("app=web,!track,tier in (front)", true)]
    [InlineData("weight>5", true)]
    [InlineData("weight<5", false)]
    public void LabelSelector_MatchesLikeTheApiServer(string selector, bool expected)
    {
        var labels = new Dictionary<string, string> { ["app"] = "web", ["tier"] = "front", ["weight"] = "10" };

        Assert.Equal(expected, LabelSelector.Parse(selector).Matches(labels));
    }

    [Theory]
    [InlineData("app in web")]
    [InlineData("=web")]
    [InlineData("app=we b")]
    public void LabelSelector_RejectsMalformedTerms(string selector) =>
        Assert.Throws<FormatException>(() => LabelSelector.Parse(selector));

    [Fact]
    public void JsonPatch_SupportsEveryOperation()
    {
        var doc = JsonNode.Parse("""{"a":{"b":1},"list":[1,2,3],"x~y":{"p/q":true}}""");
        var patch = JsonNode.Parse("""
            [
              {"op":"add","path":"/list/-","value":4},
              {"op":"remove","path":"/list/0"},
              {"op":"copy","from":"/a","path":"/c"},
              {"op":"move","from":"/a/b","path":"/d"},
              {"op":"replace","path":"/x~0y/p~1q","value":false},
              {"op":"test","path":"/d","value":1}
            ]
            """);

        var result = JsonPatch.Apply(doc, patch);

        Assert.Equal("""{"a":{},"list":[2,3,4],"x~y":{"p/q":false},"c":{"b":1},"d":1}""", result!.ToJsonString());
    }

    [Fact]
    public void StrategicMerge_MergesPortsByContainerPortAndHonoursReplace()
    {
        var target = JsonNode.Parse("""{"ports":[{"containerPort":80,"name":"http"}],"args":["a","b"],"env":[{"name":"A","value":"1"}]}""");
        var patch = JsonNode.Parse("""{"ports":[{"containerPort":80,"protocol":"TCP"},{"containerPort":443}],"args":["c"],"env":[{"$patch":"replace"},{"name":"B","value":"2"}]}""");

        var result = MergePatch.Apply(target, patch, strategic: true);

        Assert.Equal(
            """{"ports":[{"containerPort":80,"name":"http","protocol":"TCP"},{"containerPort":443}],"args":["c"],"env":[{"name":"B","value":"2"}]}""",
            result!.ToJsonString());
    }

    [Fact]
    public void MergePatch_ReplacesListsWholesale()
    {
        var target = JsonNode.Parse("""{"containers":[{"name":"a","image":"1"},{"name":"b","image":"2"}]}""");
        var patch = JsonNode.Parse("""{"containers":[{"name":"a","image":"3"}]}""");

        var result = MergePatch.Apply(target, patch, strategic: false);

        Assert.Equal("""{"containers":[{"name":"a","image":"3"}]}""", result!.ToJsonString());
    }

    [Fact]
    public void TemplateHash_IgnoresMemberOrderButNotContent()
    {
        var a = JsonNode.Parse("""{"metadata":{"labels":{"app":"x"}},"spec":{"containers":[{"name":"x","image":"1"}]}}""")!.AsObject();
        var b = JsonNode.Parse("""{"spec":{"containers":[{"image":"1","name":"x"}]},"metadata":{"labels":{"app":"x"}}}""")!.AsObject();
        var c = JsonNode.Parse("""{"spec":{"containers":[{"image":"2","name":"x"}]},"metadata":{"labels":{"app":"x"}}}""")!.AsObject();

        Assert.Equal(TemplateHash.Compute(a), TemplateHash.Compute(b));
        Assert.NotEqual(TemplateHash.Compute(a), TemplateHash.Compute(c));
        Assert.Matches("^[bcdfghjklmnpqrstvwxz2456789]{10}$", TemplateHash.Compute(a));
    }

    [Theory]
    [InlineData(5, "5s")]
    [InlineData(119, "119s")]
    [InlineData(200, "3m20s")]
    [InlineData(3600, "60m")]
    [InlineData(5 * 3600 + 60 * 7, "5h7m")]
    [InlineData(30 * 3600, "30h")]
    [InlineData(50 * 3600, "2d2h")]
    public void HumanDuration_FormatsLikeKubectl(int seconds, string expected) =>
        Assert.Equal(expected, HumanDuration.Format(TimeSpan.FromSeconds(seconds)));

    [Theory]
    [InlineData("""[]""", "*")]
    [InlineData("""[{"http":{}}]""", "*")]
    [InlineData("""[{"host":"a.example"},{"host":"b.example"}]""", "a.example,b.example")]
    [InlineData("""[{"host":"a"},{"host":"b"},{"host":"c"},{"host":"d"},{"host":"e"}]""", "a,b,c + 2 more...")]
    public void IngressHosts_PrintLikeTheApiServer(string rules, string expected)
    {
        var ingress = new JsonObject { ["metadata"] = new JsonObject { ["name"] = "web" }, ["spec"] = new JsonObject { ["rules"] = JsonNode.Parse(rules) } };

        var cells = NetworkingColumns.IngressCells(ingress, "1s");

        Assert.Equal(expected, (string?)cells[2]);
        Assert.Equal("<none>", (string?)cells[1]);
        Assert.Equal("", (string?)cells[3]);
        Assert.Equal("80", (string?)cells[4]);
    }
}
