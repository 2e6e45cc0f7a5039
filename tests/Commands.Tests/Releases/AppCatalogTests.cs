using ChatOpsRelease.Commands.Releases;
using ChatOpsRelease.Commands.Tests.Fakes;

namespace ChatOpsRelease.Commands.Tests.Releases;

public sealed class AppCatalogTests
{
    private static readonly AppCatalog Catalog = new(
    [
        new AppSpec("checkout", "shop", "checkout", "checkout", null, "replicas", "prod"),
        new AppSpec("cart", "shop", "cart", "cart", null, "replicas", "prod"),
        new AppSpec("billing", "money", "billing-api", "billing", "api", "nginx", "prod"),
    ]);

    [Fact]
    public void Unknown_Typo_SuggestsTheAppAndListsTheKnownOnes()
    {
        var text = Catalog.Unknown("chekout");

        Assert.StartsWith("I don't know the app `chekout`.", text, StringComparison.Ordinal);
        Assert.Contains("Did you mean `checkout`?", text, StringComparison.Ordinal);
        Assert.Contains("Known apps: billing, cart, checkout.", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_NothingClose_ListsTheKnownAppsWithoutSuggestion()
    {
        var text = Catalog.Unknown("inventory");

        Assert.DoesNotContain("Did you mean", text, StringComparison.Ordinal);
        Assert.Contains("Known apps: billing, cart, checkout.", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_NoAppsConfigured_SaysSo()
    {
        var text = new AppCatalog([]).Unknown("checkout");

        Assert.Contains("No apps are configured.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Did you mean", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Find_IgnoresCase()
    {
        Assert.Equal("billing-api", Catalog.Find("BILLING")?.Deployment);
        Assert.Null(Catalog.Find("inventory"));
    }

    [Fact]
    public void CanaryDeployment_IsTheStableNameWithCanarySuffix()
    {
        Assert.Equal("billing-api-canary", Catalog.Find("billing")!.CanaryDeployment);
    }

    [Fact]
    public void RouterSet_ForAnAppWithAnUnknownRouter_Throws()
    {
        var routers = new RouterSet([new FakeTrafficRouter(new FakeWorkloads())]);

        Assert.True(routers.Has("REPLICAS"));
        Assert.Same(routers.For(Catalog.Find("cart")!), routers.For(Catalog.Find("checkout")!));
        var error = Assert.Throws<InvalidOperationException>(() => routers.For(Catalog.Find("billing")!));
        Assert.Contains("'nginx'", error.Message, StringComparison.Ordinal);
    }
}
