namespace ChatOpsRelease.Commands.Parsing;

/// <summary>Either a command or a sentence telling the person what was wrong with their words.</summary>
public sealed record ParseResult(Command? Command, string? Error)
{
    public bool Succeeded => Command is not null;

    public static ParseResult Ok(Command command) => new(command, null);

    public static ParseResult Fail(string error) => new(null, error);
}
