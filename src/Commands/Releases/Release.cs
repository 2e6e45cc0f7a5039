using ChatOpsRelease.Commands.Ports;

namespace ChatOpsRelease.Commands.Releases;

/// <summary>
/// One progressive release of one app: the versions, who asked, where, the steps taken and where
/// it stands. Every change of <see cref="State"/> goes through <see cref="ReleaseRules"/>.
/// </summary>
public sealed partial class Release
{
    public string Id { get; set; } = string.Empty;

    public string App { get; set; } = string.Empty;

    public string Cluster { get; set; } = string.Empty;

    public string Namespace { get; set; } = string.Empty;

    public string FromVersion { get; set; } = string.Empty;

    public string ToVersion { get; set; } = string.Empty;

    public string FromImage { get; set; } = string.Empty;

    public string ToImage { get; set; } = string.Empty;

    /// <summary>The stable workload's replica count when the release began: the total the split keeps.</summary>
    public int StableReplicas { get; set; }

    public ReleaseState State { get; set; } = ReleaseState.Canary;

    /// <summary>Canary (a growing share) or blue-green (a full second colour, then a switch).</summary>
    public ReleaseStrategy Strategy { get; set; } = ReleaseStrategy.Canary;

    /// <summary>Blue-green: when all traffic moved to the new colour; null before the switch.</summary>
    public DateTimeOffset? SwitchedAt { get; set; }

    /// <summary>Blue-green: until when the old colour stays up after the switch (then it is retired).</summary>
    public DateTimeOffset? KeepOldUntil { get; set; }

    /// <summary>Blue-green: the old colour's pods after the switch.</summary>
    public int OldReplicas { get; set; }

    /// <summary>Blue-green: how long the old colour stays up after the switch, as asked (<c>keep old for …</c>) or configured.</summary>
    public TimeSpan KeepOld { get; set; }

    /// <summary>Blue-green: all traffic is on the new colour, and the old one not retired yet.</summary>
    public bool IsSwitched => Strategy == ReleaseStrategy.BlueGreen && SwitchedAt is not null;

    /// <summary>Blue-green, in a few words: "v2 live; v1 kept until …" once switched, "v1 live; v2 in preview" before.</summary>
    public string ColoursText() => IsSwitched
        ? $"{ToVersion} live; {FromVersion} kept until {Handlers.Texts.Time(KeepOldUntil!.Value)}"
        : $"{FromVersion} live; {ToVersion} in preview";

    /// <summary>The share of traffic most recently asked for.</summary>
    public int RequestedWeight { get; set; }

    /// <summary>The share of traffic the canary really receives, as of the last applied step.</summary>
    public int EffectiveWeight { get; set; }

    public List<ReleaseStep> Steps { get; set; } = [];

    /// <summary>The user rules in force (or asked for): requests they select reach the canary whatever the weight.</summary>
    public List<RouteRule> Rules { get; set; } = [];

    public string RequestedBy { get; set; } = string.Empty;

    public ConversationRef Conversation { get; set; } = new("console", "console");

    /// <summary>The latest comparison's verdict, shown by <c>status</c>.</summary>
    public Analysis.VerdictRecord? LastVerdict { get; set; }

    /// <summary>The chat platform's id of the release's status card, once posted (e.g. a Slack message ts).</summary>
    public string? CardId { get; set; }

    /// <summary>Grows with every decision and every step outcome; buttons carry it so stale ones are refused.</summary>
    public int Revision { get; set; } = 1;

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Unfinished: it still owns a canary (or may), so no other release of the app may start.</summary>
    public bool IsActive => State is not (ReleaseState.Completed or ReleaseState.RolledBack);

    public bool HasOpenSteps => Steps.Any(s => s.IsOpen);

    /// <summary>The next step a job should carry out, in the order they were asked for.</summary>
    public ReleaseStep? NextOpenStep => Steps.FirstOrDefault(s => s.IsOpen);

    public string Title => $"{App} {FromVersion} → {ToVersion}";

    /// <summary>Starts a release with its first step: create the canary at 0%.</summary>
    public static Release Start(NewRelease request, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        var release = new Release
        {
            Id = Guid.NewGuid().ToString("N")[..8],
            App = request.App,
            Cluster = request.Cluster,
            Namespace = request.Namespace,
            FromVersion = request.FromVersion,
            ToVersion = request.ToVersion,
            FromImage = request.FromImage,
            ToImage = request.ToImage,
            StableReplicas = request.StableReplicas,
            RequestedBy = request.RequestedBy,
            Conversation = request.Conversation,
            CreatedAt = now,
            UpdatedAt = now,
            Plan = request.Plan?.Copy(),
            LaterWavesPlan = request.LaterWavesPlan?.Copy(),
            Auto = request.Auto,
            Strategy = request.Strategy,
        };
        release.Waves.AddRange(request.Waves.Select(w => new ReleaseWave { Cluster = w.Cluster, StableReplicas = w.StableReplicas, State = WaveState.Waiting }));
        release.StartWave(0, now);
        release.AddStep(StepKind.Deploy, 0, request.RequestedBy, request.Conversation, now);
        return release;
    }

    /// <summary>
    /// Records a person's request; the rules have already allowed it. Returns the new step, if any.
    /// <paramref name="rule"/> is the rule a <see cref="ReleaseTrigger.SetRoute"/> adds (or replaces).
    /// </summary>
    public ReleaseStep? Accept(ReleaseTrigger trigger, int? weight, string actor, ConversationRef conversation, DateTimeOffset now, RouteRule? rule = null)
    {
        var transition = ReleaseRules.Decide(this, trigger);
        if (!transition.Allowed)
        {
            throw new InvalidOperationException(transition.Refusal);
        }

        EnsureRouteChanges(trigger, rule);

        State = transition.Next;
        UpdatedAt = now;
        Revision++;
        switch (trigger)
        {
            case ReleaseTrigger.SetWeight:
                RequestedWeight = weight ?? throw new ArgumentNullException(nameof(weight));
                return AddStep(StepKind.SetWeight, weight, actor, conversation, now);
            case ReleaseTrigger.Full:
                RequestedWeight = 100;
                return AddStep(StepKind.Full, 100, actor, conversation, now);
            case ReleaseTrigger.Switch:
                RequestedWeight = 100;
                var switching = AddStep(StepKind.Switch, 100, actor, conversation, now);
                switching.PlanIndex = Plan is { Steps.Count: > 0 } ? 0 : null;
                return switching;
            case ReleaseTrigger.Rollback:
                CancelPending("cancelled by the rollback", now);
                RequestedWeight = 0;
                var rollback = AddStep(StepKind.Rollback, 0, actor, conversation, now);
                RollBackEarlierWaves(actor, conversation, now);
                return rollback;
            case ReleaseTrigger.Pause:
                CancelPending("cancelled by the pause", now, only: StepKind.SetWeight);
                RequestedWeight = Steps.LastOrDefault(s => s.Kind == StepKind.SetWeight && s.IsOpen)?.Weight ?? EffectiveWeight;
                HoldQueuedRoutes();
                return null;
            case ReleaseTrigger.SetRoute:
                return Route(rule!, actor, conversation, now);
            case ReleaseTrigger.ClearRoute:
                return Route(null, actor, conversation, now);
            default:
                return null;
        }
    }

    /// <summary>Marks an open step as running; false when it is no longer open (e.g. a rollback cancelled it).</summary>
    public bool MarkRunning(string stepId, DateTimeOffset now)
    {
        var step = Step(stepId);
        if (!step.IsOpen)
        {
            return false;
        }

        step.Status = StepStatus.Running;
        UpdatedAt = now;
        return true;
    }

    /// <summary>Records that a step reached the cluster.</summary>
    public void MarkApplied(string stepId, int effectiveWeight, string outcome, DateTimeOffset now)
    {
        var step = Step(stepId);
        (step.Status, step.FinishedAt, step.EffectiveWeight, step.Outcome) = (StepStatus.Applied, now, effectiveWeight, outcome);
        EffectiveWeight = effectiveWeight;
        if (step.Kind is StepKind.Full or StepKind.Rollback)
        {
            Rules = []; // the canary is gone, and every rule that sent users to it with it
        }

        State = ReleaseRules.AfterStep(this, step.Kind);
        if (step.Kind == StepKind.Switch)
        {
            (SwitchedAt, KeepOldUntil) = (now, now + KeepOld);
        }

        if (step.Kind == StepKind.Full && HasNextWave)
        {
            NextWave(now);
        }
        else if (step.Kind == StepKind.Rollback && MoreRollbacksOpen(step))
        {
            State = ReleaseState.RollingBack;
        }

        StartBake(step, now);
        UpdatedAt = now;
        Revision++;
    }

    /// <summary>
    /// Records that a step failed: the steps queued behind it are cancelled and the release fails — unless a
    /// rollback is queued, which still runs (a person asked for it), so the release stays rolling back.
    /// </summary>
    public void MarkFailed(string stepId, string reason, DateTimeOffset now)
    {
        var step = Step(stepId);
        (step.Status, step.FinishedAt, step.Outcome) = (StepStatus.Failed, now, reason);
        CancelPending("cancelled because an earlier step failed", now, keepRollback: true);
        State = HasOpenSteps && step.Kind != StepKind.Rollback ? ReleaseState.RollingBack : ReleaseRules.Decide(this, ReleaseTrigger.StepFailed).Next;
        UpdatedAt = now;
        Revision++;
    }

    /// <summary>Where a step's outcome is told: the release's own thread when the step was asked in the release's channel.</summary>
    public ConversationRef ReplyTo(ReleaseStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        return step.Conversation.Platform == Conversation.Platform && step.Conversation.Channel == Conversation.Channel
            ? Conversation
            : step.Conversation;
    }

    public ReleaseStep Step(string stepId) =>
        Steps.FirstOrDefault(s => s.Id == stepId)
        ?? throw new InvalidOperationException($"Release {Id} has no step {stepId}.");

    private ReleaseStep AddStep(StepKind kind, int? weight, string actor, ConversationRef conversation, DateTimeOffset now)
    {
        var step = new ReleaseStep
        {
            Id = $"{Id}-{Steps.Count + 1}",
            Kind = kind,
            Weight = weight,
            Rules = Rules.Select(r => r.Copy()).ToList(),
            Status = StepStatus.Pending,
            Cluster = Cluster,
            BlueGreen = Strategy == ReleaseStrategy.BlueGreen,
            RequestedBy = actor,
            Conversation = conversation,
            RequestedAt = now,
        };
        Steps.Add(step);
        return step;
    }

    private void CancelPending(string reason, DateTimeOffset now, bool keepRollback = false, StepKind? only = null)
    {
        foreach (var step in Steps.Where(s => s.Status == StepStatus.Pending
            && !(keepRollback && s.Kind == StepKind.Rollback)
            && (only is null || s.Kind == only)))
        {
            (step.Status, step.FinishedAt, step.Outcome) = (StepStatus.Cancelled, now, reason);
        }
    }
}

/// <summary>What is known when a deploy is accepted.</summary>
public sealed record NewRelease(
    string App,
    string Cluster,
    string Namespace,
    string FromVersion,
    string ToVersion,
    string FromImage,
    string ToImage,
    int StableReplicas,
    string RequestedBy,
    ConversationRef Conversation)
{
    /// <summary>The plan the first wave follows; none for a release driven only by hand.</summary>
    public Plans.ReleasePlan? Plan { get; init; }

    /// <summary>Canary or blue-green.</summary>
    public ReleaseStrategy Strategy { get; init; } = ReleaseStrategy.Canary;

    /// <summary>Whether the bot moves through the plan by itself.</summary>
    public bool Auto { get; init; }

    /// <summary>The clusters the release goes through in order (the first is <see cref="Cluster"/>); empty for one cluster.</summary>
    public IReadOnlyList<ReleaseWave> Waves { get; init; } = [];

    /// <summary>The plan of the waves after the first; the first wave's when null.</summary>
    public Plans.ReleasePlan? LaterWavesPlan { get; init; }
}
