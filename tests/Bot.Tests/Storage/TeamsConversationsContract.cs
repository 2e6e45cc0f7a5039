using ChatOpsRelease.Bot.Chat.Teams;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Storage;

/// <summary>What every store of Teams conversation references does, whatever keeps it (one subclass per provider).</summary>
public abstract class TeamsConversationsContract : StorageContract
{
    [Fact]
    public async Task Remember_KeepsWhatIsKnown_AndARefreshWithoutItDoesNotForgetIt()
    {
        var first = await Session.Teams.RememberAsync(new TeamsConversation("19:c1", "https://smba.example/a/", "t1", "channel", "28:bot", null), default);
        var refreshed = await Session.Teams.RememberAsync(new TeamsConversation("19:c1", "https://smba.example/b/", null, null, null, null), default);

        Assert.Equal(new TeamsConversation("19:c1", "https://smba.example/a/", "t1", "channel", "28:bot", null), first);
        Assert.Equal(new TeamsConversation("19:c1", "https://smba.example/b/", "t1", "channel", "28:bot", null), refreshed);
        Assert.Equal(refreshed, await Session.Teams.FindAsync("19:c1", default));
        Assert.Null(await Session.Teams.FindAsync("19:other", default));
    }

    [Fact]
    public async Task MarkGreeted_IsTrueOnce_AndTheGreetingTimeIsKept()
    {
        await Session.Teams.RememberAsync(new TeamsConversation("19:c1", "https://smba.example/a/", null, "personal", null, null), default);

        Assert.True(await Session.Teams.MarkGreetedAsync("19:c1", Now, default));
        Assert.False(await Session.Teams.MarkGreetedAsync("19:c1", Now.AddMinutes(1), default));
        Assert.False(await Session.Teams.MarkGreetedAsync("19:unknown", Now, default));
        await ReopenAsync();

        Assert.Equal(Now, (await Session.Teams.FindAsync("19:c1", default))?.GreetedAt);
        Assert.Equal(Now, (await Session.Teams.RememberAsync(new TeamsConversation("19:c1", "https://smba.example/a/", null, null, null, null), default)).GreetedAt);
    }
}
