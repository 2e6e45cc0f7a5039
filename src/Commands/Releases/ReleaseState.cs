namespace ChatOpsRelease.Commands.Releases;

/// <summary>Where a release stands. Transitions are decided only by <see cref="ReleaseRules"/>.</summary>
public enum ReleaseState
{
    /// <summary>The new version runs beside the stable one and takes its share of traffic.</summary>
    Canary,

    /// <summary>Held by a person: promotions are refused until resumed.</summary>
    Paused,

    /// <summary>A full promotion is under way.</summary>
    Completing,

    /// <summary>A rollback is under way.</summary>
    RollingBack,

    /// <summary>The new version is the stable version; the canary is gone.</summary>
    Completed,

    /// <summary>The canary is gone and the stable version serves everyone again.</summary>
    RolledBack,

    /// <summary>A step failed; only a rollback is possible.</summary>
    Failed,
}

/// <summary>What a step does to the cluster.</summary>
public enum StepKind
{
    /// <summary>Create the canary at 0%.</summary>
    Deploy,

    /// <summary>Send a share of traffic to the canary.</summary>
    SetWeight,

    /// <summary>Put the new version on the stable workload and retire the canary.</summary>
    Full,

    /// <summary>Retire the canary and restore the stable workload.</summary>
    Rollback,

    /// <summary>Change the user rules (header or cookie) that send chosen requests to the canary.</summary>
    SetRoute,

    /// <summary>Blue-green: move all traffic to the new colour at once, keeping the old one up.</summary>
    Switch,
}

public enum StepStatus
{
    Pending,
    Running,
    Applied,
    Failed,
    Cancelled,
}

/// <summary>Something that may happen to a release: a person's command or a step's outcome.</summary>
public enum ReleaseTrigger
{
    SetWeight,
    Full,
    Pause,
    Resume,
    Rollback,
    StepApplied,
    StepFailed,

    /// <summary>Add or replace a user rule (header or cookie) that sends chosen requests to the canary.</summary>
    SetRoute,

    /// <summary>Remove user rules: every one when a person asks, the ended ones when they expire.</summary>
    ClearRoute,

    /// <summary>Blue-green: move all traffic to the new colour.</summary>
    Switch,
}
