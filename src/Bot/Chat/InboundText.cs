using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ChatOpsRelease.Bot.Chat;

/// <summary>
/// Ids and names as a platform sent them, made fit to keep and to show: an id too long to index is shortened to its
/// start and a hash of the whole (so it still tells deliveries and people apart), and a display name loses control
/// and invisible characters and is cut short.
/// </summary>
internal static class InboundText
{
    /// <summary>The longest id kept as it is.</summary>
    public const int MaxKeyLength = 200;

    /// <summary>The longest display name kept.</summary>
    public const int MaxNameLength = 80;

    public static string Key(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length <= MaxKeyLength)
        {
            return key;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        return $"{new string([.. key.Take(64).Where(char.IsAscii)])}…{hash}";
    }

    /// <summary>A display name to show: visible characters only, at most <see cref="MaxNameLength"/>; null when none is left.</summary>
    public static string? Name(string? name)
    {
        if (name is null)
        {
            return null;
        }

        var visible = new StringBuilder();
        foreach (var rune in name.EnumerateRunes())
        {
            if (visible.Length >= MaxNameLength)
            {
                visible.Append('…');
                break;
            }

            if (!Rune.IsControl(rune) && Rune.GetUnicodeCategory(rune) != UnicodeCategory.Format && rune != Rune.ReplacementChar)
            {
                visible.Append(rune.ToString());
            }
        }

        var shown = visible.ToString().Trim();
        return shown.Length == 0 ? null : shown;
    }
}
