using System.Globalization;
using System.Text;

namespace ChatOpsRelease.Commands.Parsing;

/// <summary>
/// A line as typed, made fit to read and to show again before anything else looks at it: a line too long or holding
/// control characters is refused (and never repeated whole); invisible formatting characters (zero-width, direction
/// marks) and back-quotes are dropped, so that nothing a person typed can hide itself or close a code span in a reply;
/// every kind of line break or space becomes a space.
/// </summary>
public static class CommandLine
{
    /// <summary>The longest line read as a command.</summary>
    public const int MaxLength = 1000;

    /// <summary>How much of a refused line the audit log keeps.</summary>
    private const int ShownLength = 80;

    /// <summary>The line made safe in <paramref name="line"/>; a refusal, and a short safe form of the line, when it cannot be read.</summary>
    public static string? Check(string? text, out string line)
    {
        text ??= string.Empty;
        if (text.Length > MaxLength)
        {
            line = Shorten(text);
            return $"That message is {text.Length.ToString("N0", CultureInfo.InvariantCulture)} characters long; I read commands of up to "
                + $"{MaxLength.ToString("N0", CultureInfo.InvariantCulture)}. Nothing was done. Say `help` for the commands.";
        }

        var clean = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                clean.Append(c).Append(text[++i]);
            }
            else if (char.IsWhiteSpace(c))
            {
                clean.Append(' ');
            }
            else if (char.IsControl(c) || char.IsSurrogate(c))
            {
                line = Shorten(text);
                var what = char.IsControl(c) ? "a control character" : "a broken character";
                return $"That message has {what} (U+{(int)c:X4}, at position {i + 1}), which I don't read in a command. "
                    + "Nothing was done; type it again without it.";
            }
            else if (c != '`' && CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.Format)
            {
                clean.Append(c);
            }
        }

        line = clean.ToString().Trim();
        return null;
    }

    /// <summary>The line as it may be shown again: made safe, or, when it cannot be read, a short safe form of it.</summary>
    public static string Shown(string? text)
    {
        Check(text, out var line);
        return line;
    }

    /// <summary>A refused line as it may be recorded: visible characters only, at most a few dozen, with its length.</summary>
    private static string Shorten(string text)
    {
        var visible = new StringBuilder();
        foreach (var rune in text.EnumerateRunes())
        {
            if (visible.Length >= ShownLength)
            {
                break;
            }

            var category = Rune.GetUnicodeCategory(rune);
            visible.Append(Rune.IsControl(rune) || category is UnicodeCategory.Format or UnicodeCategory.Surrogate || rune.Value == '`'
                ? "?"
                : rune.ToString());
        }

        return $"{visible}… ({text.Length.ToString("N0", CultureInfo.InvariantCulture)} characters)";
    }
}
