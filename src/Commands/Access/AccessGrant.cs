namespace ChatOpsRelease.Commands.Access;

/// <summary>
/// One line of the access policy: these identities have this role for these apps in these environments.
/// An identity is <c>platform:user-id</c> (<c>slack:U024BE7LH</c>, <c>teams:&lt;Entra object id&gt;</c>,
/// <c>console:alice</c>), <c>platform-group:group-id</c> (<c>slack-group:S0614TZR7</c>), <c>platform:*</c> for anyone
/// on that platform, or <c>*</c> for anyone. Empty <see cref="Apps"/> or <see cref="Environments"/> mean all.
/// </summary>
public sealed record AccessGrant(IReadOnlyList<string> Who, Role Role, IReadOnlyList<string> Apps, IReadOnlyList<string> Environments)
{
    public bool CoversApp(string? app, string? environment) =>
        (Apps.Count == 0 || Apps.Contains("*") || (app is not null && Apps.Contains(app, StringComparer.OrdinalIgnoreCase)))
        && (Environments.Count == 0 || Environments.Contains("*")
            || (environment is not null && Environments.Contains(environment, StringComparer.OrdinalIgnoreCase)));
}

/// <summary>The access policy: every grant; a person's role for an app is the highest any grant gives them.</summary>
public sealed record AccessPolicy(IReadOnlyList<AccessGrant> Grants)
{
    /// <summary>Everyone may do everything: for tests and tools that check no identities.</summary>
    public static readonly AccessPolicy Open = new([new AccessGrant(["*"], Role.Admin, [], [])]);
}
