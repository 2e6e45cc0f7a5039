using ChatOpsRelease.Bot.Chat.Teams.Connector;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Chat.Teams.Connector;

public sealed class TrustedServiceUrlsTests
{
    [Fact]
    public void NothingIsTrusted_AtFirst()
    {
        Assert.False(new TrustedServiceUrls().IsTrusted("https://smba.trafficmanager.net/amer/"));
    }

    [Theory]
    [InlineData("https://smba.trafficmanager.net/amer/")]
    [InlineData("https://smba.trafficmanager.net/amer")]
    [InlineData("HTTPS://SMBA.TrafficManager.NET/amer/")]
    [InlineData("https://smba.trafficmanager.net:443/amer/")]
    [InlineData(" https://smba.trafficmanager.net/amer// ")]
    public void TrustedUrl_MatchesWhateverTheTrailingSlashCaseOfSchemeAndHostAndDefaultPort(string asked)
    {
        var trusted = new TrustedServiceUrls();
        trusted.Trust("https://smba.trafficmanager.net/amer/");

        Assert.True(trusted.IsTrusted(asked));
    }

    [Theory]
    [InlineData("https://smba.trafficmanager.net/emea/")]
    [InlineData("https://smba.trafficmanager.net/AMER/")]
    [InlineData("http://smba.trafficmanager.net/amer/")]
    [InlineData("https://smba.trafficmanager.net:8443/amer/")]
    [InlineData("https://smba.trafficmanager.net.evil.example/amer/")]
    [InlineData("https://user@smba.trafficmanager.net/amer/")]
    [InlineData("not a url")]
    [InlineData("")]
    public void OtherAddresses_AreNotTrusted(string asked)
    {
        var trusted = new TrustedServiceUrls();
        trusted.Trust("https://smba.trafficmanager.net/amer/");

        Assert.False(trusted.IsTrusted(asked));
    }

    [Theory]
    [InlineData("ftp://smba.trafficmanager.net/amer/")]
    [InlineData("/amer/")]
    [InlineData("")]
    public void TrustingSomethingThatIsNotAnHttpAddress_IsAnArgumentError(string serviceUrl)
    {
        var error = Assert.Throws<ArgumentException>(() => new TrustedServiceUrls().Trust(serviceUrl));

        Assert.Contains("is not an absolute http(s) address", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://SMBA.trafficmanager.net/amer", "https://smba.trafficmanager.net/amer/")]
    [InlineData("https://smba.trafficmanager.net", "https://smba.trafficmanager.net/")]
    [InlineData("http://127.0.0.1:3978/?x=1#f", "http://127.0.0.1:3978/")]
    [InlineData("https://smba.infra.gcc.teams.microsoft.com/gcc/", "https://smba.infra.gcc.teams.microsoft.com/gcc/")]
    public void Normalize_GivesSchemeHostPathAndOneTrailingSlash(string serviceUrl, string normal)
    {
        Assert.Equal(normal, TrustedServiceUrls.Normalize(serviceUrl));
    }

    [Fact]
    public async Task TrustingFromManyThreads_KeepsEveryUrl()
    {
        var trusted = new TrustedServiceUrls();

        await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() => trusted.Trust($"https://region{i % 50}.example/teams/"))));

        Assert.All(Enumerable.Range(0, 50), i => Assert.True(trusted.IsTrusted($"https://REGION{i}.example/teams")));
    }
}
