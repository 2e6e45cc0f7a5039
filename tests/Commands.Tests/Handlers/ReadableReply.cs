using System.Globalization;
using System.Text.RegularExpressions;
using ChatOpsRelease.Commands.Ports;

namespace ChatOpsRelease.Commands.Tests.Handlers;

/// <summary>What every reply must be, whatever was typed: a sentence a person can read, never the bot's insides.</summary>
internal static partial class ReadableReply
{
    /// <summary>The longest reply any line may earn (a long history is the longest).</summary>
    public const int MaxLength = 8000;

    /// <summary>What is wrong with the reply to <paramref name="line"/>, or null.</summary>
    public static string? Problem(Reply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var text = reply.Text;
        if (string.IsNullOrWhiteSpace(text) || !text.Any(char.IsLetter))
        {
            return "the reply is empty or has no words";
        }

        if (text.Length > MaxLength)
        {
            return $"the reply is {text.Length} characters long";
        }

        if (text.Contains("   at ", StringComparison.Ordinal) || ExceptionName().IsMatch(text) || text.Contains("Something went wrong", StringComparison.Ordinal))
        {
            return "the reply shows an exception";
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if ((char.IsControl(c) && c != '\n') || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format
                || (char.IsHighSurrogate(c) && (i + 1 == text.Length || !char.IsLowSurrogate(text[++i])))
                || char.IsLowSurrogate(c))
            {
                return $"the reply holds U+{(int)c:X4} at {i}";
            }
        }

        return text.Count(c => c == '`') % 2 == 0 ? null : "the reply has an unclosed code span";
    }

    /// <summary>Fails with the line and the reply when the reply is not readable.</summary>
    public static void Assert(string line, Reply reply)
    {
        if (Problem(reply) is { } problem)
        {
            Xunit.Assert.Fail($"{problem}.\nLine: {Shown(line)}\nReply: {Shown(reply.Text)}");
        }
    }

    /// <summary>A line as a test message can show it: escapes for what is not printable, cut short.</summary>
    public static string Shown(string text) =>
        string.Concat(text.Take(300).Select(c => char.IsControl(c) || char.IsSurrogate(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format
            ? $"\\u{(int)c:X4}"
            : c.ToString())) + (text.Length > 300 ? $"… ({text.Length} characters)" : string.Empty);

    [GeneratedRegex(@"\b[A-Z][A-Za-z]*Exception\b|\bSystem\.[A-Z]")]
    private static partial Regex ExceptionName();
}
