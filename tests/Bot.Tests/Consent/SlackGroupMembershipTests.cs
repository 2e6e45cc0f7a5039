using ChatOpsRelease.Bot.Chat.Slack;
using ChatOpsRelease.Bot.Chat.Slack.Api;
using ChatOpsRelease.Bot.Tests.Support;
using ChatOpsRelease.Commands.Ports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Consent;

/// <summary>Slack user groups as the host wires them (<c>AddSlack</c>, <c>AddConsent</c>), asked of a <see cref="FakeSlack"/> on a fake clock.</summary>
public sealed class SlackGroupMembershipTests : IAsyncLifetime
{
    private const string BotToken = "xoxb-test-groups-token";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));
    private FakeSlack _slack = null!;
    private ServiceProvider? _services;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlack.StartAsync(_time);
        _slack.SetUserGroup("S0614TZR7", "U1", "U2");
    }

    public async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        await _slack.DisposeAsync();
    }

    [Fact]
    public async Task AMember_IsOne_AndSomeoneElseIsNot_AskedWithTheBotToken()
    {
        var groups = Groups();

        Assert.Equal("slack", groups.Platform);
        Assert.True(await groups.IsMemberAsync("U1", "S0614TZR7", default));
        Assert.False(await groups.IsMemberAsync("U3", "S0614TZR7", default));

        var call = Assert.Single(_slack.CallsTo(FakeSlack.UserGroupUsersMethod));
        Assert.Equal(("S0614TZR7", BotToken), (call.Field("usergroup"), call.BearerToken));
    }

    [Fact]
    public async Task TwoChecksWithinTheCacheTime_AskSlackOnce_AndACheckAfterItAsksAgain()
    {
        var groups = Groups();

        Assert.True(await groups.IsMemberAsync("U1", "S0614TZR7", default));
        _slack.SetUserGroup("S0614TZR7", "U2", "U3");
        _time.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        Assert.False(await groups.IsMemberAsync("U3", "S0614TZR7", default));
        Assert.Single(_slack.CallsTo(FakeSlack.UserGroupUsersMethod));

        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.True(await groups.IsMemberAsync("U3", "S0614TZR7", default));
        Assert.Equal(2, _slack.CallsTo(FakeSlack.UserGroupUsersMethod).Count);
    }

    [Fact]
    public async Task TheCacheTime_ComesFromTheSlackSection_AndEachGroupIsCachedApart()
    {
        _slack.SetUserGroup("S2", "U9");
        var groups = Groups(new() { ["Chat:Slack:GroupCacheTime"] = "00:00:30" });

        Assert.True(await groups.IsMemberAsync("U1", "S0614TZR7", default));
        Assert.True(await groups.IsMemberAsync("U9", "S2", default));
        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.True(await groups.IsMemberAsync("U2", "S0614TZR7", default));

        Assert.Equal(["S0614TZR7", "S2", "S0614TZR7"], _slack.CallsTo(FakeSlack.UserGroupUsersMethod).Select(c => c.Field("usergroup")));
    }

    [Fact]
    public async Task ARefusal_IsThrown_AndNotRemembered()
    {
        var groups = Groups();
        _slack.FailNext(FakeSlack.UserGroupUsersMethod, "missing_scope");

        var refused = await Assert.ThrowsAsync<SlackApiException>(() => groups.IsMemberAsync("U1", "S0614TZR7", default));
        var unknown = await Assert.ThrowsAsync<SlackApiException>(() => groups.IsMemberAsync("U1", "S404", default));

        Assert.Equal((FakeSlack.UserGroupUsersMethod, "missing_scope"), (refused.Method, refused.Error));
        Assert.Equal("no_such_subteam", unknown.Error);
        Assert.True(await groups.IsMemberAsync("U1", "S0614TZR7", default));
        Assert.Equal(3, _slack.CallsTo(FakeSlack.UserGroupUsersMethod).Count);
    }

    [Fact]
    public void WithoutSlack_NoGroupsAreRegistered()
    {
        using var services = ConsentConfig.Services([], (s, c) => s.AddSlack(c));

        Assert.Empty(services.GetServices<IGroupMembership>());
    }

    private IGroupMembership Groups(Dictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Chat:Slack:BotToken"] = BotToken,
            ["Chat:Slack:SigningSecret"] = "secret",
            ["Chat:Slack:ApiBaseUrl"] = _slack.ApiBaseUrl.ToString(),
        };
        foreach (var (key, value) in settings ?? [])
        {
            values[key] = value;
        }

        _services = ConsentConfig.Services(values, (services, configuration) =>
        {
            services.AddSingleton<TimeProvider>(_time);
            services.AddSlack(configuration);
        });
        return Assert.Single(_services.GetServices<IGroupMembership>());
    }
}
