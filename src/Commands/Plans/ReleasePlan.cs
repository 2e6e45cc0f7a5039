namespace ChatOpsRelease.Commands.Plans;

/// <summary>A named, ordered list of steps a release goes through; the last one sends everyone to the new version.</summary>
public sealed class ReleasePlan
{
    public string Name { get; set; } = string.Empty;

    public List<PlanStep> Steps { get; set; } = [];

    /// <summary>Where the plan came from, for error messages: a configuration path or a file.</summary>
    public string Origin { get; set; } = string.Empty;

    public ReleasePlan Copy() => new() { Name = Name, Origin = Origin, Steps = Steps.Select(s => s.Copy()).ToList() };
}
