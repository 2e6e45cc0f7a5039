using ChatOpsRelease.Commands.Ports;

namespace ChatOpsRelease.Commands.Releases;

/// <summary>One change to the cluster that a person asked for, and what became of it.</summary>
public sealed class ReleaseStep
{
    public string Id { get; set; } = string.Empty;

    public StepKind Kind { get; set; }

    /// <summary>For <see cref="StepKind.SetWeight"/>: the requested share of traffic.</summary>
    public int? Weight { get; set; }

    public StepStatus Status { get; set; }

    public string RequestedBy { get; set; } = string.Empty;

    /// <summary>Where the step was asked for: its outcome is posted there.</summary>
    public ConversationRef Conversation { get; set; } = new("console", "console");

    public DateTimeOffset RequestedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>After the step: the share of traffic the canary actually receives.</summary>
    public int? EffectiveWeight { get; set; }

    /// <summary>A sentence saying what happened (or why it failed / was cancelled).</summary>
    public string? Outcome { get; set; }

    public bool IsOpen => Status is StepStatus.Pending or StepStatus.Running;

    public string Describe() => Kind switch
    {
        StepKind.Deploy => "create the canary at 0%",
        StepKind.SetWeight => $"send {Weight}% of traffic to the canary",
        StepKind.Full => "promote to everyone",
        _ => "roll back",
    };
}
