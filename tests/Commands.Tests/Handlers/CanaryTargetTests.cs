using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Commands.Tests.Handlers;

public sealed class CanaryTargetTests
{
    private readonly HandlerHarness _h = new();

    [Theory]
    [InlineData("promote canary 20%")]
    [InlineData("pause canary")]
    [InlineData("resume canary")]
    [InlineData("rollback canary")]
    public async Task Canary_WithNoActiveRelease_IsRefused(string text)
    {
        var reply = await _h.SayAsync(text);

        Assert.Equal(ReplyKind.Refused, reply.Kind);
        Assert.Contains("There is no active release", reply.Text, StringComparison.Ordinal);
        Assert.Contains("`deploy <app> <version>`", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Canary_WithOneActiveReleaseInTheConversation_ActsOnIt()
    {
        var release = await _h.DeployCheckoutAsync();

        await _h.AcceptedAsync("promote canary 20%");

        Assert.Equal(20, _h.Store.Get(release.Id).RequestedWeight);
    }

    [Fact]
    public async Task Canary_FromAnotherThreadOfTheSameChannel_SeesTheRelease()
    {
        var release = await _h.DeployCheckoutAsync();
        var otherThread = new ConversationRef("slack", "C-releases", "T-9");

        await _h.AcceptedAsync("promote canary 20%", otherThread);

        var step = _h.Store.Get(release.Id).Steps[^1];
        Assert.Equal(otherThread, step.Conversation);
    }

    [Fact]
    public async Task Canary_IgnoresFinishedReleases()
    {
        var first = await _h.DeployCheckoutAsync();
        await _h.AcceptedAsync("rollback checkout");
        await _h.RunAsync(first.Id);
        await _h.AcceptedAsync("deploy cart v1.1.0");

        await _h.AcceptedAsync("pause canary");

        Assert.Equal(ReleaseState.Paused, _h.Store.All.Single(r => r.App == "cart").State);
    }

    [Theory]
    [InlineData("promote canary 20%")]
    [InlineData("pause canary")]
    [InlineData("rollback canary")]
    [InlineData("promote canary full")]
    public async Task Canary_WithSeveralActiveReleasesInTheConversation_ListsThemAndChangesNothing(string text)
    {
        await _h.DeployCheckoutAsync();
        await _h.AcceptedAsync("deploy cart v1.1.0");
        var before = _h.Store.All.Select(r => (r.State, r.Steps.Count)).ToList();
        var jobs = _h.Jobs.Enqueued.Count;

        var reply = await _h.SayAsync(text);

        Assert.Equal(ReplyKind.Refused, reply.Kind);
        Assert.Contains("Several releases are active here", reply.Text, StringComparison.Ordinal);
        Assert.Contains("`checkout` v2.4.0 at 0%", reply.Text, StringComparison.Ordinal);
        Assert.Contains("`cart` v1.1.0 at 0%", reply.Text, StringComparison.Ordinal);
        Assert.Contains("Name the app instead", reply.Text, StringComparison.Ordinal);
        Assert.Contains("Nothing was changed", reply.Text, StringComparison.Ordinal);
        Assert.Equal(before, _h.Store.All.Select(r => (r.State, r.Steps.Count)));
        Assert.Equal(jobs, _h.Jobs.Enqueued.Count);
    }

    [Fact]
    public async Task Canary_WithSeveralActiveReleases_NamingTheAppStillWorks()
    {
        await _h.DeployCheckoutAsync();
        await _h.AcceptedAsync("deploy cart v1.1.0");

        await _h.AcceptedAsync("promote cart 50%");

        Assert.Equal(50, _h.Store.All.Single(r => r.App == "cart").RequestedWeight);
    }

    [Fact]
    public async Task Canary_WhenTheReleaseWasStartedInAnotherConversation_AsksToNameTheApp()
    {
        var release = await _h.DeployCheckoutAsync(where: HandlerHarness.Elsewhere);

        var reply = await _h.SayAsync("pause canary");

        Assert.Equal(ReplyKind.Refused, reply.Kind);
        Assert.Contains("No active release was started in this conversation", reply.Text, StringComparison.Ordinal);
        Assert.Contains("`checkout` (v2.4.0)", reply.Text, StringComparison.Ordinal);
        Assert.Equal(ReleaseState.Canary, _h.Store.Get(release.Id).State);

        await _h.AcceptedAsync("pause checkout");
    }

    [Fact]
    public async Task Canary_ReleaseOfAnAppNoLongerConfigured_IsRefused()
    {
        var old = Release.Start(
            new NewRelease("legacy", "test-cluster", "shop", "v1", "v2", "legacy:v1", "legacy:v2", 2, "alice", HandlerHarness.Releases),
            _h.Time.GetUtcNow());
        _h.Store.Put(old);

        var reply = await _h.SayAsync("promote canary 20%");

        Assert.Equal(ReplyKind.Refused, reply.Kind);
        Assert.Contains($"release {old.Id} is of `legacy`, which is no longer configured", reply.Text, StringComparison.Ordinal);
    }
}
