using ChatOpsRelease.Commands.Flags;

namespace ChatOpsRelease.Commands.Parsing;

/// <summary>What a <c>flag</c> command sets.</summary>
public enum FlagChangeKind
{
    /// <summary>On for everyone.</summary>
    On,

    /// <summary>Off for everyone (also the kill switch: it passes freezes).</summary>
    Off,

    /// <summary>On for a stable share of users; users and groups stay.</summary>
    Percentage,

    /// <summary>On for these users (replacing the list); the share and groups stay.</summary>
    Users,

    /// <summary>On for these groups (replacing the list); the share and users stay.</summary>
    Groups,

    /// <summary>Only the end: the flag stays as it is until then.</summary>
    End,

    /// <summary>On for a share of requests, drawn each time (not sticky per user); clears the audience.</summary>
    RequestPercentage,
}

/// <summary>One change of a flag: the kind, its values, and when it ends (null: an end set before stays).</summary>
public sealed record FlagSetting(
    FlagChangeKind Kind,
    int? Percentage = null,
    IReadOnlyList<string>? Users = null,
    IReadOnlyList<FlagGroup>? Groups = null,
    WhenSpec? End = null);

/// <summary><c>flag &lt;app&gt; &lt;flag&gt; on|off|N%|users …|groups …|for &lt;duration&gt;</c>.</summary>
public sealed record FlagCommand(string App, string Flag, FlagSetting Setting, CommandFlags Flags) : Command(Flags)
{
    public override bool ChangesCluster => true;
}

/// <summary><c>flags [app]</c> or <c>flag &lt;app&gt; &lt;flag&gt;</c>: the flags as the cluster has them.</summary>
public sealed record FlagListCommand(string? App, string? Flag, CommandFlags Flags) : Command(Flags)
{
    public override bool ChangesCluster => false;
}

/// <summary><c>flag &lt;app&gt; &lt;flag&gt; history</c>: the changes asked for, newest first.</summary>
public sealed record FlagHistoryCommand(string App, string Flag, CommandFlags Flags) : Command(Flags)
{
    public override bool ChangesCluster => false;
}
