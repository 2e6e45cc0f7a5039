using ChatOpsRelease.Bot.Chat.Teams;
using ChatOpsRelease.Bot.Chat.Teams.Auth;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;
using static ChatOpsRelease.Bot.Tests.Chat.Teams.Auth.TeamsAuthHarness;

namespace ChatOpsRelease.Bot.Tests.Chat.Teams.Auth;

/// <summary>Signing keys of inbound Bot Framework tokens: caching, refetching for new key ids, endorsements.</summary>
public sealed class BotFrameworkAuthenticatorKeyTests
{
    [Fact]
    public async Task Keys_AreFetchedOnceAndCached()
    {
        await using var teams = await StartAsync();

        for (var i = 0; i < 5; i++)
        {
            AssertAccepted(await teams.SendAsync(teams.Token()));
        }

        Assert.Equal(1, teams.Identity.MetadataRequests);
        Assert.Equal(1, teams.Identity.KeysRequests);
    }

    [Fact]
    public async Task UnknownKeyId_FetchesTheKeysOnce_AndPassesWhenTheKeyWasPublishedMeanwhile()
    {
        await using var teams = await StartAsync();
        AssertAccepted(await teams.SendAsync(teams.Token()));
        teams.Identity.AddKey("rotated", ["msteams"], publish: false);
        var token = teams.Token(kid: "rotated");

        teams.Identity.PublishKey("rotated");
        var result = await teams.SendAsync(token);

        AssertAccepted(result);
        Assert.Equal(2, teams.Identity.MetadataRequests);
        Assert.Equal(2, teams.Identity.KeysRequests);
    }

    [Fact]
    public async Task UnknownKeyId_NeverPublished_IsRefusedAfterOneFetch_AndAnotherWithinTheIntervalFetchesNothing()
    {
        await using var teams = await StartAsync();
        AssertAccepted(await teams.SendAsync(teams.Token()));
        teams.Identity.AddKey("bogus-1", ["msteams"], publish: false);
        teams.Identity.AddKey("bogus-2", ["msteams"], publish: false);
        var first = teams.Token(kid: "bogus-1");
        var second = teams.Token(kid: "bogus-2");

        teams.AssertRefused(await teams.SendAsync(first), "the token is signed by key 'bogus-1', which is not published", first);
        Assert.Equal(2, teams.Identity.KeysRequests);

        teams.AssertRefused(await teams.SendAsync(second), "the token is signed by key 'bogus-2', which is not published", second);
        Assert.Equal(2, teams.Identity.KeysRequests);
        Assert.Equal(2, teams.Identity.MetadataRequests);
    }

    [Fact]
    public async Task BurstOfTokensWithANewKeyId_SharesOneFetch()
    {
        await using var teams = await StartAsync();
        AssertAccepted(await teams.SendAsync(teams.Token()));
        teams.Identity.AddKey("rotated", ["msteams"]);
        var token = teams.Token(kid: "rotated");

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => teams.SendAsync(token))));

        Assert.All(results, AssertAccepted);
        Assert.Equal(2, teams.Identity.KeysRequests);
    }

    [Fact]
    public async Task StreamOfMadeUpKeyIds_FetchesAtMostOnceWithinTheInterval()
    {
        await using var teams = await StartAsync();
        AssertAccepted(await teams.SendAsync(teams.Token()));
        var tokens = Enumerable.Range(0, 10).Select(i =>
        {
            teams.Identity.AddKey($"made-up-{i}", ["msteams"], publish: false);
            return teams.Token(kid: $"made-up-{i}");
        }).ToList();

        var results = await Task.WhenAll(tokens.Select(token => Task.Run(() => teams.SendAsync(token))));

        Assert.All(results, result => Assert.False(result.Authenticated));
        Assert.Equal(2, teams.Identity.KeysRequests);
    }

    [Theory]
    [InlineData(29, 2)]
    [InlineData(31, 3)]
    public async Task UnknownKeyId_FetchesAgainOnlyOnceTheRefreshIntervalHasPassed(int secondsLater, int keysRequests)
    {
        await using var teams = await StartAsync();
        AssertAccepted(await teams.SendAsync(teams.Token()));
        teams.Identity.AddKey("late", ["msteams"], publish: false);
        Assert.False((await teams.SendAsync(teams.Token(kid: "late"))).Authenticated);
        Assert.Equal(2, teams.Identity.KeysRequests);

        teams.Identity.PublishKey("late");
        teams.Time.Advance(TimeSpan.FromSeconds(secondsLater));
        var result = await teams.SendAsync(teams.Token(kid: "late"));

        Assert.Equal(keysRequests, teams.Identity.KeysRequests);
        Assert.Equal(keysRequests == 3, result.Authenticated);
    }

    [Fact]
    public async Task RefreshInterval_CanBeShortened()
    {
        await using var teams = await StartAsync(refreshInterval: TimeSpan.FromSeconds(1));
        AssertAccepted(await teams.SendAsync(teams.Token()));
        teams.Identity.AddKey("late", ["msteams"], publish: false);
        Assert.False((await teams.SendAsync(teams.Token(kid: "late"))).Authenticated);

        teams.Identity.PublishKey("late");
        teams.Time.Advance(TimeSpan.FromSeconds(1));

        AssertAccepted(await teams.SendAsync(teams.Token(kid: "late")));
        Assert.Equal(3, teams.Identity.KeysRequests);
    }

    [Fact]
    public async Task KeyNotEndorsingTheChannel_IsRefused()
    {
        await using var teams = await StartAsync();
        teams.Identity.AddKey("webchat-only", ["webchat", "emulator"]);
        var token = teams.Token(kid: "webchat-only");

        teams.AssertRefused(await teams.SendAsync(token), "the signing key does not endorse channel msteams", token);
    }

    [Fact]
    public async Task KeyWithoutEndorsements_EndorsesNothing()
    {
        await using var teams = await StartAsync();
        teams.Identity.AddKey("bare", endorsements: null);
        var token = teams.Token(kid: "bare");

        teams.AssertRefused(await teams.SendAsync(token), "the signing key does not endorse channel msteams", token);
    }

    [Fact]
    public async Task ActivityFromAChannelTheKeyDoesNotEndorse_IsRefused()
    {
        await using var teams = await StartAsync();
        var token = teams.Token();

        teams.AssertRefused(await teams.SendAsync(token, channelId: "slack"), "the signing key does not endorse channel slack", token);
        AssertAccepted(await teams.SendAsync(token, channelId: "emulator"));
    }

    [Fact]
    public async Task MetadataUnavailable_IsRefusedWithTheAddress()
    {
        await using var teams = await StartAsync();
        teams.Identity.Unavailable = true;
        var token = teams.Token();

        teams.AssertRefused(await teams.SendAsync(token), $"the signing keys could not be fetched from {teams.Identity.MetadataUrl}", token);
    }

    [Fact]
    public async Task MetadataUnavailableLater_CachedKeysKeepWorking()
    {
        await using var teams = await StartAsync();
        AssertAccepted(await teams.SendAsync(teams.Token()));
        teams.Identity.Unavailable = true;
        teams.Identity.AddKey("rotated", ["msteams"]);

        Assert.False((await teams.SendAsync(teams.Token(kid: "rotated"))).Authenticated);
        AssertAccepted(await teams.SendAsync(teams.Token()));
    }

    [Fact]
    public async Task MetadataClient_HasTheConfiguredTimeout()
    {
        await using var teams = await StartAsync(options => options.RequestTimeout = TimeSpan.FromSeconds(7));

        using var client = teams.Services.GetRequiredService<IHttpClientFactory>().CreateClient(TeamsSigningKeys.HttpClientName);

        Assert.Equal(TimeSpan.FromSeconds(7), client.Timeout);
    }

    [Fact]
    public void KeyCacheLifetimeBelowTheLibrarysMinimum_IsAccepted()
    {
        using var provider = new ServiceCollection().AddHttpClient().BuildServiceProvider();
        var options = Microsoft.Extensions.Options.Options.Create(new TeamsOptions { KeyCacheLifetime = TimeSpan.FromSeconds(10) });

        using var keys = new TeamsSigningKeys(provider.GetRequiredService<IHttpClientFactory>(), options, TimeProvider.System, NullLogger<TeamsSigningKeys>.Instance);

        Assert.Equal(TeamsSigningKeys.DefaultRefreshInterval, keys.RefreshInterval);
    }
}
