using Microsoft.Extensions.Options;

namespace ChatOpsRelease.Bot.Consent;

internal sealed class AccessOptionsValidator : IValidateOptions<AccessOptions>
{
    public ValidateOptionsResult Validate(string? name, AccessOptions options)
    {
        var errors = new List<string>(options.BindProblems);
        if (options.Grants.Count == 0)
        {
            errors.Add("Access:Grants is empty, so nobody could do anything; grant at least one role (e.g. Who: [\"console:*\"], Role: admin).");
        }

        for (var i = 0; i < options.Grants.Count; i++)
        {
            errors.AddRange(GrantProblems($"{AccessOptions.Section}:Grants:{i}", options.Grants[i], options));
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static IEnumerable<string> GrantProblems(string at, GrantOptions grant, AccessOptions options)
    {
        var who = ConsentSection.Clean(grant.Who);
        if (who.Count == 0)
        {
            yield return $"{at}:Who is empty; name who the grant is for (slack:U024BE7LH, slack-group:S0614TZR7, teams:*, console:* or *).";
        }

        foreach (var problem in who.Select(Identity.Problem).OfType<string>())
        {
            yield return $"{at}:Who {problem}";
        }

        if (grant.ParsedRole is null)
        {
            yield return $"{at}:Role '{grant.Role}' is not a role; roles: {string.Join(", ", GrantOptions.Roles)}.";
        }

        foreach (var problem in options.UnknownApps($"{at}:Apps", ConsentSection.Clean(grant.Apps)))
        {
            yield return problem;
        }
    }
}
