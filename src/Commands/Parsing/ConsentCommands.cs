namespace ChatOpsRelease.Commands.Parsing;

/// <summary><c>request approval &lt;app|canary&gt; [reason]</c>: ask approvers for the release's next plan step.</summary>
public sealed record RequestApprovalCommand(ReleaseTarget Target, string Reason, CommandFlags Flags) : Command(Flags)
{
    public override bool ChangesCluster => false;
}

/// <summary><c>approve &lt;id&gt; [comment]</c>.</summary>
public sealed record ApproveCommand(string Id, string Comment, CommandFlags Flags) : Command(Flags)
{
    public override bool ChangesCluster => false;
}

/// <summary><c>reject &lt;id&gt; [reason]</c>.</summary>
public sealed record RejectCommand(string Id, string Reason, CommandFlags Flags) : Command(Flags)
{
    public override bool ChangesCluster => false;
}

/// <summary><c>schedule promote &lt;app|canary&gt; &lt;N%|next|full&gt; at &lt;time&gt; [zone]</c> or <c>… in &lt;duration&gt;</c>.</summary>
public sealed record SchedulePromoteCommand(PromoteCommand Promote, WhenSpec When, CommandFlags Flags) : Command(Flags)
{
    public override bool ChangesCluster => false;
}

/// <summary><c>schedule list [app]</c>: pending scheduled promotions.</summary>
public sealed record ScheduleListCommand(string? App, CommandFlags Flags) : Command(Flags)
{
    public override bool ChangesCluster => false;
}

/// <summary><c>schedule cancel &lt;id&gt;</c>.</summary>
public sealed record ScheduleCancelCommand(string Id, CommandFlags Flags) : Command(Flags)
{
    public override bool ChangesCluster => false;
}

/// <summary><c>veto &lt;id&gt; [reason]</c>: stop a scheduled promotion.</summary>
public sealed record VetoCommand(string Id, string Reason, CommandFlags Flags) : Command(Flags)
{
    public override bool ChangesCluster => false;
}

/// <summary><c>postpone &lt;id&gt; &lt;duration&gt;</c>: move a scheduled promotion later.</summary>
public sealed record PostponeCommand(string Id, TimeSpan By, CommandFlags Flags) : Command(Flags)
{
    public override bool ChangesCluster => false;
}

/// <summary><c>freeze &lt;app|all&gt; [until &lt;time&gt; [zone] | for &lt;duration&gt;] [reason]</c>; <see cref="App"/> null means all.</summary>
public sealed record FreezeCommand(string? App, WhenSpec? Until, string Reason, CommandFlags Flags) : Command(Flags)
{
    public override bool ChangesCluster => false;
}

/// <summary><c>unfreeze &lt;app|all&gt;</c>; <see cref="App"/> null means all.</summary>
public sealed record UnfreezeCommand(string? App, CommandFlags Flags) : Command(Flags)
{
    public override bool ChangesCluster => false;
}

/// <summary><c>freeze</c> alone: the freezes in force now and the calendar's next ones.</summary>
public sealed record FreezeListCommand(CommandFlags Flags) : Command(Flags)
{
    public override bool ChangesCluster => false;
}
