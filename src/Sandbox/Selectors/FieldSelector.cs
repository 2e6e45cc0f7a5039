namespace ChatOpsRelease.Sandbox.Selectors;

/// <summary>
/// A parsed <c>fieldSelector</c> query: comma-separated <c>field=value</c>, <c>field==value</c> or
/// <c>field!=value</c> terms over the fields a resource exposes (see <see cref="ObjectFacts"/>).
/// </summary>
internal sealed class FieldSelector
{
    private readonly IReadOnlyList<(string Field, bool Equal, string Value)> _terms;

    private FieldSelector(IReadOnlyList<(string Field, bool Equal, string Value)> terms) => _terms = terms;

    public static FieldSelector Everything { get; } = new([]);

    /// <summary>Parses a selector; throws <see cref="FormatException"/> naming the unsupported field or bad term.</summary>
    public static FieldSelector Parse(string? text, IReadOnlyCollection<string> supportedFields)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Everything;
        }

        var terms = new List<(string, bool, string)>();
        foreach (var raw in text.Split(','))
        {
            var term = raw.Trim();
            var (field, equal, value) = Split(term);
            if (!supportedFields.Contains(field))
            {
                throw new FormatException($"field label not supported: {field}");
            }

            terms.Add((field, equal, value));
        }

        return new FieldSelector(terms);
    }

    public bool Matches(IReadOnlyDictionary<string, string> fields) =>
        _terms.All(t => (fields.TryGetValue(t.Field, out var actual) ? actual : "") == t.Value == t.Equal);

    private static (string Field, bool Equal, string Value) Split(string term)
    {
        var notEqual = term.IndexOf("!=", StringComparison.Ordinal);
        if (notEqual > 0)
        {
            return (term[..notEqual].Trim(), false, term[(notEqual + 2)..].Trim());
        }

        var doubleEqual = term.IndexOf("==", StringComparison.Ordinal);
        if (doubleEqual > 0)
        {
            return (term[..doubleEqual].Trim(), true, term[(doubleEqual + 2)..].Trim());
        }

        var equal = term.IndexOf('=', StringComparison.Ordinal);
        if (equal > 0)
        {
            return (term[..equal].Trim(), true, term[(equal + 1)..].Trim());
        }

        throw new FormatException($"invalid selector: '{term}'; can't understand '{term}'");
    }
}
