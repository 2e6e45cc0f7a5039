using System.Text;
using ChatOpsRelease.Commands.Parsing;

namespace ChatOpsRelease.Commands.Handlers;

/// <summary><c>help [verb]</c>.</summary>
public static class HelpHandler
{
    public static Outcome Handle(HelpCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.Verb is { } name && Verbs.Find(name) is { } verb)
        {
            var aliases = verb.Aliases.Length == 0 ? string.Empty : $"\nAlso: {string.Join(", ", verb.Aliases.Select(a => $"`{a}`"))}.";
            return Outcome.Answered($"`{verb.Usage}`\n{Capitalize(verb.Summary)}. {verb.Details}{aliases}");
        }

        var text = new StringBuilder("I run progressive releases. Commands:");
        foreach (var each in Verbs.All)
        {
            text.Append($"\n• `{each.Usage}` — {each.Summary}");
        }

        text.Append("\nAdd `--dry-run` to a command that changes the cluster to see the exact changes without making them. "
            + "`help <verb>` tells more.");
        return Outcome.Answered(text.ToString());
    }

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
