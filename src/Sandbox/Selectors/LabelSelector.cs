using System.Globalization;
using System.Text.RegularExpressions;

namespace ChatOpsRelease.Sandbox.Selectors;

/// <summary>
/// A parsed <c>labelSelector</c> query: comma-separated terms, each equality-based
/// (<c>a=b</c>, <c>a==b</c>, <c>a!=b</c>), set-based (<c>a in (x,y)</c>, <c>a notin (x)</c>, <c>a</c>, <c>!a</c>)
/// or numeric (<c>a&gt;1</c>, <c>a&lt;1</c>).
/// </summary>
internal sealed partial class LabelSelector
{
    private readonly IReadOnlyList<Requirement> _requirements;

    private LabelSelector(IReadOnlyList<Requirement> requirements) => _requirements = requirements;

    public static LabelSelector Everything { get; } = new([]);

    public bool IsEmpty => _requirements.Count == 0;

    /// <summary>Parses a selector; throws <see cref="FormatException"/> with the API server's wording on bad input.</summary>
    public static LabelSelector Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Everything;
        }

        var requirements = new List<Requirement>();
        foreach (var term in SplitTerms(text))
        {
            requirements.Add(ParseTerm(term.Trim()));
        }

        return new LabelSelector(requirements);
    }

    public bool Matches(IReadOnlyDictionary<string, string> labels) => _requirements.All(r => r.Matches(labels));

    private static Requirement ParseTerm(string term)
    {
        if (term.Length == 0)
        {
            throw new FormatException("found '', expected: identifier");
        }

        if (term[0] == '!')
        {
            var key = term[1..].Trim();
            return IsKey(key) ? new Requirement(key, Op.DoesNotExist, []) : throw Unparsable(term);
        }

        if (SetTerm().Match(term) is { Success: true } set)
        {
            var values = set.Groups["values"].Value.Split(',', StringSplitOptions.TrimEntries);
            var op = set.Groups["op"].Value == "in" ? Op.In : Op.NotIn;
            return new Requirement(set.Groups["key"].Value, op, [.. values]);
        }

        if (CompareTerm().Match(term) is { Success: true } compare)
        {
            var op = compare.Groups["op"].Value switch
            {
                "=" or "==" => Op.In,
                "!=" => Op.NotIn,
                ">" => Op.GreaterThan,
                _ => Op.LessThan,
            };
            return new Requirement(compare.Groups["key"].Value, op, [compare.Groups["value"].Value.Trim()]);
        }

        return IsKey(term) ? new Requirement(term, Op.Exists, []) : throw Unparsable(term);
    }

    private static FormatException Unparsable(string term) => new($"unable to parse requirement: \"{term}\"");

    private static bool IsKey(string key) => KeyPattern().IsMatch(key);

    private static IEnumerable<string> SplitTerms(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '(':
                    depth++;
                    break;
                case ')':
                    depth--;
                    break;
                case ',' when depth == 0:
                    yield return text[start..i];
                    start = i + 1;
                    break;
            }
        }

        yield return text[start..];
    }

    [GeneratedRegex(@"^(?<key>[A-Za-z0-9][-A-Za-z0-9_./]*)\s+(?<op>in|notin)\s*\((?<values>[^()]*)\)$")]
    private static partial Regex SetTerm();

    [GeneratedRegex(@"^(?<key>[A-Za-z0-9][-A-Za-z0-9_./]*)\s*(?<op>==|!=|=|>|<)\s*(?<value>[-A-Za-z0-9_.]*)\s*$")]
    private static partial Regex CompareTerm();

    [GeneratedRegex(@"^[A-Za-z0-9][-A-Za-z0-9_./]*$")]
    private static partial Regex KeyPattern();

    private enum Op
    {
        In,
        NotIn,
        Exists,
        DoesNotExist,
        GreaterThan,
        LessThan,
    }

    private sealed record Requirement(string Key, Op Operator, IReadOnlyList<string> Values)
    {
        public bool Matches(IReadOnlyDictionary<string, string> labels)
        {
            var present = labels.TryGetValue(Key, out var value);
            return Operator switch
            {
                Op.In => present && Values.Contains(value),
                Op.NotIn => !present || !Values.Contains(value),
                Op.Exists => present,
                Op.DoesNotExist => !present,
                Op.GreaterThan => present && Compare(value!) > 0,
                _ => present && Compare(value!) < 0,
            };
        }

        private int Compare(string value) =>
            long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var actual)
            && long.TryParse(Values[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var limit)
                ? actual.CompareTo(limit)
                : 0;
    }
}
