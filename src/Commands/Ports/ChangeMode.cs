namespace ChatOpsRelease.Commands.Ports;

/// <summary>Whether a port only works out the changes (a dry run) or makes them.</summary>
public enum ChangeMode
{
    /// <summary>Work out the exact changes and return them; change nothing.</summary>
    DryRun,

    /// <summary>Make the changes and wait until they serve.</summary>
    Apply,
}
