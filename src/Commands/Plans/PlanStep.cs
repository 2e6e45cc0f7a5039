using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Commands.Plans;

/// <summary>
/// One phase of a progressive plan: what it does to the traffic (a user rule, a weight, or everyone), how long it
/// must bake before the next one, whether the canary's analysis must pass, and whether a person must approve moving on.
/// </summary>
public sealed class PlanStep
{
    /// <summary>A short name people use, e.g. <c>edge</c>, <c>compat</c>, <c>perf</c>, <c>full</c>.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>The share of everyone the canary gets (1–99), or 100 for the whole release; null for a rule step.</summary>
    public int? Weight { get; set; }

    /// <summary>For an edge step: the header or cookie rule that sends chosen users (testers) to the canary.</summary>
    public RouteRule? Rule { get; set; }

    /// <summary>How long the step runs before the next may start.</summary>
    public TimeSpan Bake { get; set; }

    /// <summary>Whether the canary's analysis must pass before the next step.</summary>
    public bool Analysis { get; set; }

    /// <summary>Whether a person must approve this step before it starts (<c>promote &lt;app&gt; next</c>).</summary>
    public bool Approval { get; set; }

    /// <summary>The metrics whose overall verdict gates the step (e.g. errors only early, errors and resources later); empty: all the app's.</summary>
    public List<string> Gates { get; set; } = [];

    /// <summary>True for the step that makes the new version everyone's.</summary>
    public bool IsFull => Weight == 100;

    /// <summary>What the step does, e.g. "20% of traffic", "header X-Canary: testers", "everyone".</summary>
    public string Action => IsFull ? "everyone" : Rule is { } rule ? rule.Describe() : $"{Weight}% of traffic";

    public PlanStep Copy() => new()
    {
        Name = Name, Weight = Weight, Rule = Rule?.Copy(), Bake = Bake, Analysis = Analysis, Approval = Approval, Gates = [.. Gates],
    };
}
