using System.Text.Json.Nodes;
using ChatOpsRelease.Bot.Kubernetes.Routers;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Kubernetes.Routers;

public sealed class GatewayRouteShapeTests
{
    private static readonly AppSpec Search = new("search", "shop", "search", "search", null, "gateway", "production");

    [Fact]
    public void Weight_SplitsTheStableRule_BetweenStableAndCanary()
    {
        var shaped = GatewayRouteShape.Shape(Route(), Search, TrafficTarget.Canary(5));

        var refs = shaped["spec"]!["rules"]![0]!["backendRefs"]!.AsArray();
        Assert.Equal("""[{"name":"search","port":80,"weight":95},{"name":"search-canary","port":80,"weight":5}]""", refs.ToJsonString());
        Assert.Single(shaped["spec"]!["rules"]!.AsArray());
    }

    [Fact]
    public void UserRules_BecomeAFirstRule_SendingThoseUsersToTheCanaryOnly()
    {
        var rules = new[]
        {
            new RouteRule { Kind = RouteRuleKind.Header, Name = "X-Canary", Value = "testers" },
            new RouteRule { Kind = RouteRuleKind.Cookie, Name = "beta" },
        };

        var shaped = GatewayRouteShape.Shape(Route(), Search, TrafficTarget.Canary(0, rules));

        var users = shaped["spec"]!["rules"]![0]!.AsObject();
        Assert.Equal(GatewayRouteShape.UsersRule, (string?)users["name"]);
        Assert.Equal("""[{"name":"search-canary","port":80}]""", users["backendRefs"]!.ToJsonString());
        Assert.Equal(
            """[{"headers":[{"type":"Exact","name":"X-Canary","value":"testers"}],"path":{"type":"PathPrefix","value":"/"}},{"headers":[{"type":"RegularExpression","name":"Cookie","value":"(^|;\\s*)beta=always(;|$)"}],"path":{"type":"PathPrefix","value":"/"}}]""",
            users["matches"]!.ToJsonString());
        Assert.Equal("""[{"name":"search","port":80}]""", shaped["spec"]!["rules"]![1]!["backendRefs"]!.ToJsonString());
    }

    [Theory]
    [InlineData(TrafficPhase.Promoted)]
    [InlineData(TrafficPhase.RolledBack)]
    public void Finished_LeavesTheStableServiceAloneAndNoUsersRule(TrafficPhase phase)
    {
        var midway = GatewayRouteShape.Shape(Route(), Search, TrafficTarget.Canary(50, [new RouteRule { Kind = RouteRuleKind.Header, Name = "X-Canary", Value = "1" }]));

        var finished = GatewayRouteShape.Shape(midway, Search, phase == TrafficPhase.Promoted ? TrafficTarget.Promoted : TrafficTarget.RolledBack);

        Assert.Equal(Route()["spec"]!.ToJsonString(), finished["spec"]!.ToJsonString());
    }

    [Fact]
    public void Changes_NameTheRuleAndTheRefs()
    {
        var before = Route();
        var after = GatewayRouteShape.Shape(before, Search, TrafficTarget.Canary(20, [new RouteRule { Kind = RouteRuleKind.Header, Name = "X-Canary", Value = "testers" }]));

        var changes = GatewayRouteShape.Changes(Search, before, after);

        Assert.Equal(
            [
                new ClusterChange("HTTPRoute shop/search", "spec.rules[0].backendRefs", "search:80", "search:80 weight 80, search-canary:80 weight 20"),
                new ClusterChange("HTTPRoute shop/search", $"spec.rules[{GatewayRouteShape.UsersRule}]", null, "X-Canary: testers → search-canary:80"),
            ],
            changes);
    }

    [Fact]
    public void RouteWithoutTheStableService_IsAClearRefusal()
    {
        var route = Route();
        route["spec"]!["rules"]![0]!["backendRefs"]![0]!["name"] = "elsewhere";

        var ex = Assert.Throws<ClusterException>(() => GatewayRouteShape.Shape(route, Search, TrafficTarget.Canary(5)));

        Assert.Contains("sends to the Service search", ex.Message, StringComparison.Ordinal);
    }

    private static JsonObject Route() => JsonNode.Parse("""
        {"apiVersion":"gateway.networking.k8s.io/v1","kind":"HTTPRoute","metadata":{"name":"search","namespace":"shop","resourceVersion":"7"},
         "spec":{"parentRefs":[{"name":"public"}],"hostnames":["search.example"],
                 "rules":[{"matches":[{"path":{"type":"PathPrefix","value":"/"}}],"backendRefs":[{"name":"search","port":80}]}]}}
        """)!.AsObject();
}
