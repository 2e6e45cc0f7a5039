using ChatOpsRelease.Bot.Jobs;
using ChatOpsRelease.Commands.Ports;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Jobs;

public sealed class HangfireReleaseJobsTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 27, 14, 30, 0, TimeSpan.FromHours(8));

    [Fact]
    public void ScheduleApprovalExpiry_IsADelayedJobAtTheDeadline_ThatEndsTheRequest()
    {
        var client = new RecordingJobClient();

        var id = new HangfireReleaseJobs(client).ScheduleApprovalExpiry("r-1", "a-7", At);

        var (job, state) = Assert.Single(client.Created);
        Assert.Equal("job-1", id);
        Assert.Equal(At.UtcDateTime, Assert.IsType<ScheduledState>(state).EnqueueAt);
        Assert.Equal((typeof(ApprovalExpiryJob), nameof(ApprovalExpiryJob.ExpireAsync)), (job.Type, job.Method.Name));
        Assert.Equal(["r-1", "a-7"], job.Args.Take(2));
    }

    [Theory]
    [InlineData(PromotionTimer.Notice)]
    [InlineData(PromotionTimer.Promote)]
    public void SchedulePromotionTimer_IsADelayedJobAtItsMoment_ThatRingsTheTimer(PromotionTimer timer)
    {
        var client = new RecordingJobClient();

        new HangfireReleaseJobs(client).SchedulePromotionTimer("r-1", "s-3", timer, At);

        var (job, state) = Assert.Single(client.Created);
        Assert.Equal(At.UtcDateTime, Assert.IsType<ScheduledState>(state).EnqueueAt);
        Assert.Equal((typeof(PromotionTimerJob), nameof(PromotionTimerJob.RingAsync)), (job.Type, job.Method.Name));
        Assert.Equal(["r-1", "s-3", timer], job.Args.Take(3));
    }

    private sealed class RecordingJobClient : IBackgroundJobClient
    {
        public List<(Job Job, IState State)> Created { get; } = [];

        public string Create(Job job, IState state)
        {
            Created.Add((job, state));
            return $"job-{Created.Count}";
        }

        public bool ChangeState(string jobId, IState state, string expectedState) => true;
    }
}
