using ChatOpsRelease.Commands.Flags;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Flags;

/// <summary>
/// The flags the bot writes, read by a real app that uses Microsoft.FeatureManagement (tests/FlagDemoApp) from the
/// ConfigMap through the Kubernetes API; and the evaluation the guide gives for <c>flags.json</c> agreeing with it.
/// </summary>
public sealed class FeatureManagementTests
{
    private static readonly string[] NoGroups = [];

    [Fact]
    public async Task Percentage_IsOnForAStableShareOfUsers_TheSameUsersTheReferenceComputes()
    {
        await using var host = await FlagDemoHost.StartAsync(Set(new FeatureFlag { Name = "new-checkout", Enabled = true, Percentage = 30 }));
        var reference = await host.ReferenceAsync();
        var users = Users("user", 10_000);

        var first = await host.AskEachAsync("new-checkout", users);
        var again = await host.AskEachAsync("new-checkout", users);

        Assert.InRange(first.Count(on => on), 2_500, 3_500);
        Assert.Equal(first, again);
        Assert.Empty(users.Where((user, i) => first[i] != reference.IsOn("new-checkout", user, NoGroups, DateTimeOffset.UtcNow)));
    }

    [Fact]
    public async Task GroupAtHalf_IsOnForAboutHalfOfItsMembers_TheSameMembersTheReferenceComputes()
    {
        await using var host = await FlagDemoHost.StartAsync(Set(new FeatureFlag { Name = "new-search", Enabled = true, Groups = [new FlagGroup("beta", 50)] }));
        var reference = await host.ReferenceAsync();
        var members = Users("member", 2_000);

        var answers = await host.AskEachAsync("new-search", members, "beta");

        Assert.InRange(answers.Count(on => on), 800, 1_200);
        Assert.Empty(members.Where((user, i) => answers[i] != reference.IsOn("new-search", user, ["beta"], DateTimeOffset.UtcNow)));
        Assert.False(await host.IsEnabledAsync("new-search", members[0], "staff"));
    }

    [Fact]
    public async Task ListedUsers_AreOn_OthersOff()
    {
        await using var host = await FlagDemoHost.StartAsync(Set(new FeatureFlag { Name = "dark-mode", Enabled = true, Users = ["alice", "bob"] }));

        await AssertAnswersAsync(host, "dark-mode", ("alice", NoGroups, true), ("bob", NoGroups, true), ("carol", NoGroups, false), (null, NoGroups, false));
    }

    [Fact]
    public async Task Group_IsOnForItsMembers_OffForOthers()
    {
        await using var host = await FlagDemoHost.StartAsync(Set(new FeatureFlag { Name = "beta-menu", Enabled = true, Groups = [new FlagGroup("beta")] }));

        await AssertAnswersAsync(host, "beta-menu", ("dave", ["beta"], true), ("erin", ["staff", "beta"], true), ("frank", ["staff"], false), ("grace", NoGroups, false));
    }

    [Fact]
    public async Task On_IsOnForEveryone_Off_IsOffForEveryone()
    {
        await using var host = await FlagDemoHost.StartAsync(Set(
            new FeatureFlag { Name = "banner", Enabled = true },
            new FeatureFlag { Name = "legacy-cart", Enabled = false, Users = ["alice"], Percentage = 100 }));
        var users = Users("user", 200);

        Assert.All(await host.AskEachAsync("banner", users), Assert.True);
        Assert.All(await host.AskEachAsync("legacy-cart", users), Assert.False);
        await AssertAnswersAsync(host, "banner", (null, NoGroups, true), ("alice", ["beta"], true));
        await AssertAnswersAsync(host, "legacy-cart", (null, NoGroups, false), ("alice", ["beta"], false));
    }

    [Fact]
    public async Task AShareOfRequests_IsDrawnAgainEachTime_NotStickyPerUser()
    {
        await using var host = await FlagDemoHost.StartAsync(Set(new FeatureFlag { Name = "shadow-traffic", Enabled = true, RequestPercentage = 30 }));

        var sameUser = await host.AskEachAsync("shadow-traffic", Enumerable.Repeat("alice", 10_000).ToList());

        // Binomial(10,000, 0.3): a standard deviation of about 46, so 25–35 % is more than ten of them either side.
        Assert.InRange(sameUser.Count(on => on), 2_500, 3_500);
    }

    [Fact]
    public async Task Until_InThePast_IsOffEvenForATargetedUser_InTheFuture_IsOn()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        await using var host = await FlagDemoHost.StartAsync(Set(
            new FeatureFlag { Name = "ended", Enabled = true, Users = ["alice"], Until = now.AddHours(-1) },
            new FeatureFlag { Name = "ending", Enabled = true, Users = ["alice"], Until = now.AddHours(1) },
            new FeatureFlag { Name = "promo", Enabled = true, Until = now.AddHours(1) }));

        await AssertAnswersAsync(host, "ended", ("alice", NoGroups, false), ("carol", NoGroups, false));
        await AssertAnswersAsync(host, "ending", ("alice", NoGroups, true), ("carol", NoGroups, false));
        await AssertAnswersAsync(host, "promo", ("alice", NoGroups, true), ("carol", NoGroups, true));
    }

    [Fact]
    public async Task ChangedConfigMap_IsSeenByTheRunningApp()
    {
        await using var host = await FlagDemoHost.StartAsync(Set(new FeatureFlag { Name = "live", Enabled = false }));
        Assert.False(await host.IsEnabledAsync("live", "alice"));

        await host.WriteAsync(Set(new FeatureFlag { Name = "live", Enabled = true, Users = ["alice"] }));
        Assert.True(await AnswerBecomesAsync(host, "live", "alice", expected: true));

        await host.WriteAsync(Set(new FeatureFlag { Name = "live", Enabled = false }));
        Assert.True(await AnswerBecomesAsync(host, "live", "alice", expected: false));
    }

    /// <summary>Asks the app and the reference; both must give the expected answer.</summary>
    private static async Task AssertAnswersAsync(FlagDemoHost host, string feature, params (string? User, string[] Groups, bool On)[] cases)
    {
        var reference = await host.ReferenceAsync();
        foreach (var (user, groups, on) in cases)
        {
            Assert.True(on == await host.IsEnabledAsync(feature, user, groups), $"the app: {feature} for {user ?? "(no user)"} [{string.Join(',', groups)}] should be {on}");
            Assert.True(on == reference.IsOn(feature, user, groups, DateTimeOffset.UtcNow), $"the reference: {feature} for {user ?? "(no user)"} should be {on}");
        }
    }

    /// <summary>Asks again until the app gives <paramref name="expected"/>, for 30 s at the most; false if it never does.</summary>
    private static async Task<bool> AnswerBecomesAsync(FlagDemoHost host, string feature, string user, bool expected)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!limit.IsCancellationRequested)
        {
            if (await host.IsEnabledAsync(feature, user) == expected)
            {
                return true;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), CancellationToken.None);
        }

        return false;
    }

    private static List<string> Users(string prefix, int count) => [.. Enumerable.Range(0, count).Select(n => $"{prefix}-{n}")];

    private static FlagSet Set(params FeatureFlag[] flags) => new(flags);
}
