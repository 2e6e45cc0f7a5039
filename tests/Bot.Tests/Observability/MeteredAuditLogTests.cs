using ChatOpsRelease.Bot.Observability;
using ChatOpsRelease.Commands.Ports;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Observability;

public sealed class MeteredAuditLogTests
{
    [Theory]
    [InlineData("alice", "deploy checkout v2.4.0", "deploy")]
    [InlineData("alice", "abort checkout", "rollback")]
    [InlineData("alice", "promot checkout 20%", "unknown")]
    [InlineData("alice", "drop table releases; --", "unknown")]
    [InlineData("alice", "freeze override", "freeze_override")]
    [InlineData("bot (job)", "step s1: canary at 0%", "step")]
    [InlineData("bot (analysis)", "automatic rollback", "automatic")]
    [InlineData("unverified (10.0.0.1)", "POST /slack/commands", "unknown")]
    public void Verb_ComesFromAFixedSet(string actor, string command, string verb) =>
        Assert.Equal(verb, MeteredAuditLog.VerbOf(new AuditEntry(DateTimeOffset.UnixEpoch, actor, "c", "checkout", "r1", command, AuditOutcome.Refused, "")));
}
