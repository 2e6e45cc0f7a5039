using ChatOpsRelease.Bot.Web.Dashboard;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Web.Dashboard;

public sealed class WebOptionsValidatorTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5080")]
    [InlineData("http://localhost:5080;http://[::1]:5081")]
    [InlineData(null)]
    public void ModeNone_OnLoopbackOnly_IsAccepted(string? urls) =>
        Assert.True(Validate(new WebOptions(), urls).Succeeded);

    [Theory]
    [InlineData("http://0.0.0.0:5080")]
    [InlineData("http://*:5080")]
    [InlineData("http://+:5080")]
    [InlineData("http://127.0.0.1:5080;http://10.0.0.5:5080")]
    public void ModeNone_OnAnAddressOtherMachinesReach_IsRefused(string urls)
    {
        var result = Validate(new WebOptions(), urls);

        Assert.True(result.Failed);
        Assert.Contains("Web:Auth:Mode is none", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryProblem_IsReportedAtOnce()
    {
        var token = Validate(new WebOptions { Auth = new WebAuthOptions { Mode = "token", Token = "short" }, RefreshInterval = TimeSpan.Zero }, "http://0.0.0.0:1");
        var oidc = Validate(new WebOptions { Auth = new WebAuthOptions { Mode = "oidc", Authority = "not a url" } }, null);
        var unknown = Validate(new WebOptions { Auth = new WebAuthOptions { Mode = "ldap" } }, null);

        Assert.Equal(2, token.Failures!.Count());
        Assert.Contains(token.Failures!, f => f.StartsWith("Web:Auth:Mode is token, so Web:Auth:Token must be set", StringComparison.Ordinal));
        Assert.Contains(token.Failures!, f => f.StartsWith("Web:RefreshInterval", StringComparison.Ordinal));
        Assert.Equal(3, oidc.Failures!.Count());
        Assert.Equal("Web:Auth:Mode 'ldap' is unknown; use none, token or oidc.", Assert.Single(unknown.Failures!));
    }

    [Fact]
    public void ModeToken_MayListenAnywhere() =>
        Assert.True(Validate(new WebOptions { Auth = new WebAuthOptions { Mode = "token", Token = new string('t', 32) } }, "http://0.0.0.0:5080").Succeeded);

    private static Microsoft.Extensions.Options.ValidateOptionsResult Validate(WebOptions options, string? urls)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["urls"] = urls }).Build();
        return new WebOptionsValidator(configuration).Validate(null, options);
    }
}
