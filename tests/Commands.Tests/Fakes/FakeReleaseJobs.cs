using ChatOpsRelease.Commands.Ports;

namespace ChatOpsRelease.Commands.Tests.Fakes;

/// <summary>Records the release ids queued for their open steps, the rule expiries and the watch's looks scheduled; runs nothing by itself.</summary>
internal sealed class FakeReleaseJobs : IReleaseJobs
{
    private readonly List<string> _enqueued = [];
    private readonly List<(string ReleaseId, DateTimeOffset At)> _scheduled = [];

    public IReadOnlyList<string> Enqueued => _enqueued;

    /// <summary>Every rule expiry scheduled, in order.</summary>
    public IReadOnlyList<(string ReleaseId, DateTimeOffset At)> Scheduled => _scheduled;

    /// <summary>When set, scheduling a rule expiry throws it.</summary>
    public Exception? ScheduleFailure { get; set; }

    /// <summary>When set, queuing throws it.</summary>
    public Exception? Failure { get; set; }

    /// <summary>Called as a job is queued, e.g. to see what was stored by then.</summary>
    public Action<string>? OnEnqueue { get; set; }

    public string EnqueueOpenSteps(string releaseId)
    {
        if (Failure is not null)
        {
            throw Failure;
        }

        OnEnqueue?.Invoke(releaseId);
        _enqueued.Add(releaseId);
        return $"job-{_enqueued.Count}";
    }

    /// <summary>Every look of a watch scheduled, in order.</summary>
    public List<(string ReleaseId, DateTimeOffset At)> Looks { get; } = [];

    public string ScheduleLook(string releaseId, DateTimeOffset at)
    {
        Looks.Add((releaseId, at));
        return $"look-{Looks.Count}";
    }

    /// <summary>Every approval expiry scheduled, in order.</summary>
    public List<(string ReleaseId, string ApprovalId, DateTimeOffset At)> ApprovalExpiries { get; } = [];

    /// <summary>Every timer of a scheduled promotion set, in order.</summary>
    public List<(string ReleaseId, string ScheduleId, PromotionTimer Timer, DateTimeOffset At)> Timers { get; } = [];

    public string ScheduleApprovalExpiry(string releaseId, string approvalId, DateTimeOffset at)
    {
        ApprovalExpiries.Add((releaseId, approvalId, at));
        return $"approval-expiry-{ApprovalExpiries.Count}";
    }

    public string SchedulePromotionTimer(string releaseId, string scheduleId, PromotionTimer timer, DateTimeOffset at)
    {
        Timers.Add((releaseId, scheduleId, timer, at));
        return $"timer-{Timers.Count}";
    }

    public string ScheduleRuleExpiry(string releaseId, DateTimeOffset at)
    {
        if (ScheduleFailure is not null)
        {
            throw ScheduleFailure;
        }

        _scheduled.Add((releaseId, at));
        return $"expiry-{_scheduled.Count}";
    }

    /// <summary>Every blue-green retirement scheduled, in order.</summary>
    public List<(string ReleaseId, DateTimeOffset At)> Retirements { get; } = [];

    public string ScheduleRetire(string releaseId, DateTimeOffset at)
    {
        Retirements.Add((releaseId, at));
        return $"retire-{Retirements.Count}";
    }

    /// <summary>Every flag change queued, in order.</summary>
    public List<string> FlagChanges { get; } = [];

    /// <summary>Every timer of a flag change set, in order.</summary>
    public List<(string ChangeId, FlagTimer Timer, DateTimeOffset At)> FlagTimers { get; } = [];

    public string EnqueueFlagChange(string changeId)
    {
        if (Failure is not null)
        {
            throw Failure;
        }

        FlagChanges.Add(changeId);
        return $"flag-{FlagChanges.Count}";
    }

    public string ScheduleFlagTimer(string changeId, FlagTimer timer, DateTimeOffset at)
    {
        FlagTimers.Add((changeId, timer, at));
        return $"flag-timer-{FlagTimers.Count}";
    }
}
