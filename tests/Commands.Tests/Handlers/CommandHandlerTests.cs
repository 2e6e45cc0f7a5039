using ChatOpsRelease.Commands.Ports;

namespace ChatOpsRelease.Commands.Tests.Handlers;

public sealed class CommandHandlerTests
{
    private readonly HandlerHarness _h = new();

    public static TheoryData<string, AuditOutcome, string?> EveryKindOfCommand => new()
    {
        { "deploy checkout v2.4.0", AuditOutcome.Accepted, "checkout" },
        { "deploy checkout v2.4.0 --dry-run", AuditOutcome.Answered, "checkout" },
        { "deploy chekout v2.4.0", AuditOutcome.Refused, null },
        { "deploy checkout v2.3.0", AuditOutcome.Refused, "checkout" },
        { "promot canary 20%", AuditOutcome.Refused, null },
        { "", AuditOutcome.Refused, null },
        { "status --dry-run", AuditOutcome.Refused, null },
        { "promote checkout 20%", AuditOutcome.Refused, "checkout" },
        { "promote canary 20%", AuditOutcome.Refused, null },
        { "pause checkout", AuditOutcome.Refused, "checkout" },
        { "rollback checkout", AuditOutcome.Refused, "checkout" },
        { "status", AuditOutcome.Answered, null },
        { "status checkout", AuditOutcome.Answered, "checkout" },
        { "status chekout", AuditOutcome.Refused, null },
        { "history checkout", AuditOutcome.Answered, "checkout" },
        { "help", AuditOutcome.Answered, null },
        { "help promote", AuditOutcome.Answered, null },
        { "route checkout clear", AuditOutcome.Refused, "checkout" },
        { "route checkout header X=a* for 2h", AuditOutcome.Refused, null },
        { "route canary cookie canary --force", AuditOutcome.Refused, null },
        { "help route", AuditOutcome.Answered, null },
    };

    [Theory]
    [MemberData(nameof(EveryKindOfCommand))]
    public async Task EveryCommand_WritesOneAuditEntry(string text, AuditOutcome outcome, string? app)
    {
        var reply = await _h.SayAsync($"  {text}  ", who: HandlerHarness.Bob);

        var entry = Assert.Single(_h.Audit.Entries);
        Assert.Equal(_h.Time.GetUtcNow(), entry.At);
        Assert.Equal("bob (slack:U2)", entry.Actor);
        Assert.Equal("slack:C-releases/T-1", entry.Conversation);
        Assert.Equal(text, entry.Command);
        Assert.Equal(outcome, entry.Outcome);
        Assert.Equal(app, entry.App);
        Assert.Equal(reply.Text, entry.Detail);
    }

    [Theory]
    [InlineData("promote checkout 20%", AuditOutcome.Accepted)]
    [InlineData("promote checkout 0%", AuditOutcome.Refused)]
    [InlineData("pause canary", AuditOutcome.Accepted)]
    [InlineData("resume canary", AuditOutcome.Refused)]
    [InlineData("abort checkout", AuditOutcome.Accepted)]
    [InlineData("rollback checkout --dry-run", AuditOutcome.Answered)]
    [InlineData("route checkout cookie canary for 1h", AuditOutcome.Accepted)]
    [InlineData("route canary header X-Canary=testers --dry-run", AuditOutcome.Answered)]
    [InlineData("route checkout clear", AuditOutcome.Refused)]
    public async Task CommandOnARelease_AuditsTheReleaseId(string text, AuditOutcome outcome)
    {
        var release = await _h.DeployCheckoutAsync();
        var before = _h.Audit.Entries.Count;

        await _h.SayAsync(text);

        var entry = Assert.Single(_h.Audit.Entries.Skip(before));
        Assert.Equal((outcome, "checkout", release.Id), (entry.Outcome, entry.App, entry.ReleaseId));
    }

    [Fact]
    public async Task UnexpectedFailure_RepliesWithAReferenceAndNoExceptionText()
    {
        const string Secret = "Host=db;Password=hunter2";
        _h.Workloads.ReadFailure = new InvalidOperationException($"could not connect: {Secret}");

        var reply = await _h.SayAsync("deploy checkout v2.4.0");

        Assert.Equal(ReplyKind.Refused, reply.Kind);
        Assert.Matches("reference [0-9a-f]{8}", reply.Text);
        Assert.Contains("Something went wrong while handling `deploy checkout v2.4.0`", reply.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", reply.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("could not connect", reply.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(InvalidOperationException), reply.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", reply.Text, StringComparison.Ordinal);
        Assert.Equal(0, _h.Store.Count);
        var entry = Assert.Single(_h.Audit.Entries);
        Assert.Equal(AuditOutcome.Refused, entry.Outcome);
        Assert.DoesNotContain("hunter2", entry.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnexpectedFailure_GivesEachFailureItsOwnReference()
    {
        _h.Workloads.ReadFailure = new InvalidOperationException("boom");

        var first = await _h.SayAsync("deploy checkout v2.4.0");
        var second = await _h.SayAsync("deploy checkout v2.4.0");

        Assert.NotEqual(first.Text, second.Text);
    }

    [Fact]
    public async Task ClusterFailure_RepliesWithTheClusterMessage()
    {
        _h.Workloads.ReadFailure = new ClusterException("Deployment shop/checkout: the bot may not read it (forbidden).");

        var reply = await _h.SayAsync("deploy checkout v2.4.0");

        Assert.Equal(ReplyKind.Refused, reply.Kind);
        Assert.Contains("Deployment shop/checkout: the bot may not read it (forbidden).", reply.Text, StringComparison.Ordinal);
        Assert.Contains("Nothing was changed", reply.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("reference", reply.Text, StringComparison.Ordinal);
        Assert.Equal(AuditOutcome.Refused, Assert.Single(_h.Audit.Entries).Outcome);
    }

    [Fact]
    public async Task AuditLogFailure_StillAnswers()
    {
        _h.Audit.AppendFailure = new IOException("disk full");

        var reply = await _h.SayAsync("deploy checkout v2.4.0");

        Assert.Equal(ReplyKind.Accepted, reply.Kind);
        Assert.Single(_h.Jobs.Enqueued);
    }

    [Fact]
    public async Task Cancellation_WhenAsked_IsNotSwallowed()
    {
        using var cancel = new CancellationTokenSource();
        _h.Workloads.ReadFailure = new OperationCanceledException(cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            _h.Handler.HandleAsync(new ChatRequest("deploy checkout v2.4.0", HandlerHarness.Alice, HandlerHarness.Releases), cancel.Token));
    }
}
