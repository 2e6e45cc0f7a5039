using ChatOpsRelease.Bot.Storage;
using ChatOpsRelease.Bot.Storage.LiteDb;
using ChatOpsRelease.Commands.Consent;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;
using Microsoft.Extensions.Options;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Storage;

/// <summary>Approvals, their decisions and scheduled promotions are stored with the release and read back after reopening the file.</summary>
public sealed class LiteDbConsentTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 9, 30, 0, TimeSpan.Zero);
    private static readonly Actor Alice = new("slack", "U1", "alice");
    private readonly string _folder = Directory.CreateTempSubdirectory("chatops-consent-").FullName;

    [Fact]
    public async Task ADecidedApprovalAndASchedule_SurviveReopeningTheDatabase()
    {
        string id;
        using (var db = Open())
        {
            var release = Release.Start(
                new NewRelease("checkout", "sandbox", "shop", "v1", "v2", "r/checkout:v1", "r/checkout:v2", 4, Alice.ToString(), new ConversationRef("slack", "C1", "171.2")),
                Now);
            release.Starter = Alice;
            release.Approvals.Add(new Approval
            {
                Id = "a1b2c3", PlanIndex = 3, StepText = "full (everyone)", Command = "promote checkout full", RequestedBy = Alice,
                RequestedAt = Now, ExpiresAt = Now.AddHours(2), TwoPersonRule = true, Quorum = 2,
                Votes = [new ApprovalVote("bob (slack:U2)", "slack:U2", Now.AddMinutes(5)), new ApprovalVote("carol (slack:U3)", "slack:U3", Now.AddMinutes(6))],
                State = ApprovalState.Approved, DecidedBy = "bob (slack:U2) and carol (slack:U3)", DecidedAt = Now.AddMinutes(6), MessageId = "171.3",
            });
            release.Schedules.Add(new ScheduledPromotion
            {
                Id = "s4d5e6", Command = "promote checkout 50%", What = "to 50%", At = Now.AddHours(4), TimeZone = "Asia/Shanghai",
                RequestedBy = Alice, Conversation = new ConversationRef("slack", "C1", "171.2"), CreatedAt = Now, Noticed = true, NoticeMessageId = "171.4",
            });
            Assert.Null(await new LiteDbReleaseStore(db).TryCreateAsync(release, default));
            id = release.Id;
        }

        using (var db = Open())
        {
            var loaded = (await new LiteDbReleaseStore(db).GetAsync(id, default))!;

            Assert.Equal(Alice, loaded.Starter);
            var approval = Assert.Single(loaded.Approvals);
            Assert.Equal((ApprovalState.Approved, 2, true, "promote checkout full", "171.3"), (approval.State, approval.Quorum, approval.TwoPersonRule, approval.Command, approval.MessageId));
            Assert.Equal(Alice, approval.RequestedBy);
            Assert.Equal([("slack:U2", Now.AddMinutes(5)), ("slack:U3", Now.AddMinutes(6))], approval.Votes.Select(v => (v.WhoKey, v.At)));
            Assert.Equal((Now.AddMinutes(6), Now.AddHours(2)), (approval.DecidedAt, approval.ExpiresAt));
            var schedule = Assert.Single(loaded.Schedules);
            Assert.Equal((ScheduleState.Pending, Now.AddHours(4), "Asia/Shanghai", true), (schedule.State, schedule.At, schedule.TimeZone, schedule.Noticed));
            Assert.Equal(new ConversationRef("slack", "C1", "171.2"), schedule.Conversation);
            Assert.Same(approval, loaded.FindApproval("A1B2C3"));
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private LiteDbDatabase Open() => new(Options.Create(new StorageOptions { DataDirectory = _folder }));
}
