using System.Text;

namespace ChatOpsRelease.Commands.Tests.Handlers;

/// <summary>
/// Command lines a careless or hostile person might type, from one seed: every verb's valid forms, mutated (words
/// dropped, doubled, swapped, cut, replaced by odd fragments, flags moved about), odd fragments alone, random Unicode
/// and bytes, control characters and very long lines. <see cref="Ids"/> stand in for approval and schedule ids.
/// </summary>
internal sealed class HostileLines(int seed, IReadOnlyList<string>? ids = null)
{
    public static readonly string[] ValidForms =
    [
        "deploy checkout v2.4.0", "deploy checkout v2.4.0 --auto", "deploy cart v1.1.0 --dry-run", "`deploy checkout v2.5.0`",
        "promote checkout 20%", "promote canary next", "promote checkout full --force", "promote checkout to 50 percent", "promote cart 5 %",
        "promote canary 10% --dry-run", "route checkout header X-Canary=testers for 2h", "route checkout cookie canary", "route canary clear",
        "route cart header x-beta=yes for 1h30m", "compare checkout last 1h", "compare canary", "pause checkout", "resume canary",
        "rollback checkout --dry-run", "abort cart", "status", "status checkout", "history checkout", "plan cart",
        "request approval checkout going to 50% tonight", "approve {id} looks good", "reject {id} too risky", "deny {id}",
        "schedule promote checkout 50% at 14:00 Asia/Shanghai", "schedule promote canary next in 2h", "schedule promote checkout full at tomorrow 09:00",
        "schedule promote checkout 25% at 2026-12-01 14:30 Europe/Berlin", "schedule list", "schedule list checkout", "schedule cancel {id}",
        "veto {id} not today", "postpone {id} 30m", "postpone {id} by 1h30m", "freeze", "freeze list", "freeze checkout until 18:00 incident 4711",
        "freeze all for 2h black friday", "freeze cart because release train", "unfreeze checkout", "unfreeze all", "help", "help promote",
    ];

    /// <summary>Words and fragments that have broken parsers and chat formatting before.</summary>
    public static readonly string[] Fragments =
    [
        "1e9%", "-0%", "NaN", "NaN%", "Infinity%", "-Infinity", "99999999d", "99999999999999999999", "2147483648%", "-2147483649", "+20%", "20.5%",
        "0x14%", "1_000%", "٢٠%", "２０%", "0%", "100%", "101%", "-5m", "0s", "1e308", "1h-30m", "99999h", "7d1m", "PT1H",
        "Etc/GMT+14", "Mars/Olympus", "../../etc/passwd", "UTC", "utc+25", "25:61", "24:00", "2025-02-30 10:00", "9999-12-31 23:59", "0001-01-01 00:00",
        "`", "```", "`rm -rf /`", "``x``", "<@U1>", "<@U1|alice>", "<!channel>", "<!here>", "<!everyone>", "<!subteam^S1|@oncall>", "<#C1|general>",
        "<https://evil.example|click>", "<mailto:a@b|x>", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<at>Bot</at>", "&lt;!channel&gt;",
        "&amp;", "*boom*", "_x_", "~y~", "**z**", "> quoted", "[click](https://evil.example)", "![i](https://evil.example/i.png)", ":skull:",
        "\u202Eevil\u202C", "\u200B", "\u200Dcheckout", "check\u200Bout", "\u2066x\u2069", "\uFEFF", "\u00AD", "\u061C", "\x1b[31mred\x1b[0m", "\x1b]0;title\x07",
        "\0", "\r\n", "\t", "\u0085", "\u2028", "\u2029", "\u009B2J", "\x7f", "\uD800", "\uDC00", "\uDBFF\uDFFF", "🚀", "👨‍👩‍👧", "İ", "ǅ", "ß", "Ω",
        "--force", "--dry-run", "--auto", "---", "-", "--", "\u2014force", "--FORCE", "-f", "--dry-run=true", "--help", "-1", "-0",
        "a1b2c3", "s1b2c3", "f1234567", "A", "a123456789012345678", "canary", "all", "to", "at", "in", "for", "last", "by", "next", "full", "header",
        "cookie", "clear", "approval", "promote", "X-Canary=testers", "=", "X=", "=v", "X:y", "X-Canary==a", "X-Canary=a,b", "x=*", "'", "\"", "\\",
        "%", "%%", "%s%n", "{0}", "${jndi:ldap://x}", "'; DROP TABLE releases;--", "null", "undefined", "true", "checkout", "cart", "payments",
        "v2.4.0", "v" + new string('9', 200), new string('a', 63), new string('a', 64), "a-", "-a", "Checkout", "CHECKOUT", "v1.0.0",
    ];

    private readonly Random _random = new(seed);

    public IReadOnlyList<string> Ids { get; set; } = ids ?? ["a1b2c3", "s1b2c3"];

    /// <summary>The next line.</summary>
    public string Next() => _random.Next(20) switch
    {
        < 9 => Mutate(Valid()),
        9 or 10 => Valid(),
        11 => string.Join(' ', Enumerable.Range(0, _random.Next(1, 6)).Select(_ => Fragment())),
        12 => Valid() + " " + Fragment() + Fragment(),
        13 => RandomUnicode(_random.Next(1, 80)),
        14 => Encoding.UTF8.GetString(Bytes(_random.Next(1, 120))),
        15 => Controls(),
        16 => LongLine(),
        17 => Verb() + " " + RandomUnicode(_random.Next(1, 30)),
        _ => Mutate(Mutate(Valid())),
    };

    public IEnumerable<string> Take(int count)
    {
        for (var i = 0; i < count; i++)
        {
            yield return Next();
        }
    }

    private string Valid() => Pick(ValidForms).Replace("{id}", Pick(Ids), StringComparison.Ordinal);

    private string Verb() => Pick(ValidForms).Split(' ')[0];

    private string Fragment() => Pick(Fragments);

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private string Mutate(string line)
    {
        var words = line.Split(' ').ToList();
        var at = _random.Next(words.Count);
        switch (_random.Next(11))
        {
            case 0 when words.Count > 1:
                words.RemoveAt(at);
                break;
            case 1:
                words.Insert(at, words[at]);
                break;
            case 2:
                var other = _random.Next(words.Count);
                (words[at], words[other]) = (words[other], words[at]);
                break;
            case 3:
                return line[.._random.Next(line.Length + 1)];
            case 4:
                words.Insert(_random.Next(words.Count + 1), Fragment());
                break;
            case 5:
                words[at] = Fragment();
                break;
            case 6:
                words.Insert(_random.Next(words.Count + 1), Pick(new[] { "--force", "--dry-run", "--auto", "--", "-", "\u2014dry-run" }));
                break;
            case 7:
                var word = words[at];
                var cut = _random.Next(word.Length + 1);
                words[at] = word[..cut] + Fragment() + word[cut..];
                break;
            case 8:
                words[at] = _random.Next(2) == 0 ? words[at].ToUpperInvariant() : new string([.. words[at].Reverse()]);
                break;
            case 9:
                return string.Join(Pick(new[] { "\t", "\n", "  ", "\u00A0", "\u3000", "" }), words);
            default:
                words.Insert(at, RandomUnicode(_random.Next(1, 8)));
                break;
        }

        return string.Join(' ', words);
    }

    /// <summary>Characters from anywhere in the first plane, lone surrogates and controls included.</summary>
    private string RandomUnicode(int length)
    {
        var text = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            text.Append(_random.Next(6) switch
            {
                0 => (char)_random.Next(0, 0x20),
                1 => (char)_random.Next(0x20, 0x7F),
                2 => (char)_random.Next(0x80, 0x800),
                3 => (char)_random.Next(0x2000, 0x2070),
                _ => (char)_random.Next(0, 0x10000),
            });
        }

        return text.ToString();
    }

    private byte[] Bytes(int length)
    {
        var bytes = new byte[length];
        _random.NextBytes(bytes);
        return bytes;
    }

    private string Controls() =>
        string.Concat(Enumerable.Range(0, _random.Next(1, 6)).Select(_ => _random.Next(3) switch
        {
            0 => Valid(),
            1 => ((char)_random.Next(0, 0x20)).ToString(),
            _ => Pick(new[] { "\x1b[2J", "\x1b[31m", "\x7f", "\u0085", "\u009B", "\0", "\b\b\b" }),
        }));

    /// <summary>A line around or over the length limit: a valid command padded, repeated, or one endless word.</summary>
    private string LongLine() => _random.Next(4) switch
    {
        0 => Valid() + " " + new string('x', _random.Next(900, 1100)),
        1 => string.Join(' ', Enumerable.Repeat(Valid(), _random.Next(20, 200))),
        2 => new string(Pick(new[] { 'a', '<', '`', '*', '%', '9' }), _random.Next(990, 20_000)),
        _ => "freeze checkout " + RandomUnicode(_random.Next(300, 1200)),
    };
}
