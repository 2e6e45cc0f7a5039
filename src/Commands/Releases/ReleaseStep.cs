using ChatOpsRelease.Commands.Ports;

namespace ChatOpsRelease.Commands.Releases;

/// <summary>One change to the cluster that a person asked for, and what became of it.</summary>
public sealed class ReleaseStep
{
    public string Id { get; set; } = string.Empty;

    public StepKind Kind { get; set; }

    /// <summary>For <see cref="StepKind.SetWeight"/> and <see cref="StepKind.SetRoute"/>: the requested share of traffic.</summary>
    public int? Weight { get; set; }

    /// <summary>The user rules the step puts in force (a copy of the release's rules when it was asked for).</summary>
    public List<RouteRule> Rules { get; set; } = [];

    /// <summary>True for a step of a blue-green release: its deploy brings up the preview colour.</summary>
    public bool BlueGreen { get; set; }

    /// <summary>Where the step takes the traffic.</summary>
    public Ports.TrafficTarget Target => Kind switch
    {
        StepKind.Full => Ports.TrafficTarget.Promoted,
        StepKind.Rollback => Ports.TrafficTarget.RolledBack,
        StepKind.Switch => Ports.TrafficTarget.Switched,
        StepKind.Deploy when BlueGreen => Ports.TrafficTarget.Preview,
        _ => Ports.TrafficTarget.Canary(Weight ?? 0, Rules),
    };

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

    /// <summary>The plan step this step carries out, when it is one.</summary>
    public int? PlanIndex { get; set; }

    /// <summary>The cluster the step changes; the release's cluster when null.</summary>
    public string? Cluster { get; set; }

    public string Describe() => Kind switch
    {
        StepKind.Deploy when BlueGreen => "bring up the preview colour",
        StepKind.Deploy => "create the canary at 0%",
        StepKind.Switch => "switch all traffic to the new colour",
        StepKind.Full when BlueGreen => "retire the old colour",
        StepKind.Rollback when BlueGreen => "go back to the old colour alone",
        StepKind.SetWeight => $"send {Weight}% of traffic to the canary",
        StepKind.Full => "promote to everyone",
        StepKind.SetRoute => Rules.Count == 0 ? "clear the user rules" : $"route {string.Join(" and ", Rules.Select(r => r.Describe()))} to the canary",
        _ => "roll back",
    };
}
