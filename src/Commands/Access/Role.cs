namespace ChatOpsRelease.Commands.Access;

/// <summary>
/// What a person may do, each role including the ones before it: a viewer reads; a deployer changes releases; an
/// approver also approves others' steps; an admin also lifts freezes and overrides them with <c>--force</c>.
/// </summary>
public enum Role
{
    None = 0,
    Viewer = 1,
    Deployer = 2,
    Approver = 3,
    Admin = 4,
}
