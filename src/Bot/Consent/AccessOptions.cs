using ChatOpsRelease.Commands.Access;

namespace ChatOpsRelease.Bot.Consent;

/// <summary>Who may do what. Section <c>Access</c>: a list of <c>Grants</c>; a person's role is the highest any grant gives them.</summary>
public sealed class AccessOptions : ConsentSection
{
    public const string Section = "Access";

    public List<GrantOptions> Grants { get; set; } = [];

    /// <summary>The policy the grants describe (once validated: every role is known).</summary>
    public AccessPolicy ToPolicy() => new([.. Grants.Select(grant => grant.ToGrant())]);
}

/// <summary>
/// One grant: <c>Who</c> (identities: <c>*</c>, <c>slack:U024BE7LH</c>, <c>teams:*</c>, <c>slack-group:S0614TZR7</c>, …), a
/// <c>Role</c> (viewer, deployer, approver, admin) and where it holds: <c>Apps</c> and <c>Environments</c> (empty or <c>*</c>: all).
/// </summary>
public sealed class GrantOptions
{
    public List<string> Who { get; set; } = [];

    public string? Role { get; set; }

    public List<string> Apps { get; set; } = [];

    public List<string> Environments { get; set; } = [];

    internal static readonly string[] Roles = ["viewer", "deployer", "approver", "admin"];

    /// <summary>The role this grant names, or null when it names none of <see cref="Roles"/>.</summary>
    internal Role? ParsedRole =>
        Roles.Contains(Role?.Trim(), StringComparer.OrdinalIgnoreCase) ? Enum.Parse<Role>(Role!.Trim(), ignoreCase: true) : null;

    internal AccessGrant ToGrant() => new(
        [.. ConsentSection.Clean(Who).Select(Identity.Normalize)],
        ParsedRole ?? Commands.Access.Role.None,
        ConsentSection.Clean(Apps),
        ConsentSection.Clean(Environments));
}
