using System.Text;
using ChatOpsRelease.Commands.Analysis;

namespace ChatOpsRelease.Commands.Handlers;

/// <summary>The text of a <c>compare</c> reply: the headline, the title, a table of both sides, the reasons and the link.</summary>
internal static class CompareReply
{
    private static readonly string[] Columns = ["side", "version", "requests", "errors", "error rate", "p95"];

    // Columns whose values are numbers are aligned on the right.
    private static readonly bool[] Right = [false, false, true, true, true, false];

    public static string Text(string title, ComparisonData? data, Verdict verdict, string? chartProblem, IReadOnlyList<GateRow>? gates = null)
    {
        var text = new StringBuilder(verdict.Headline).Append('\n').Append(title).Append(':');
        var reasons = verdict.Reasons.AsEnumerable();
        if (data is not null)
        {
            text.Append('\n').Append(Table(data, verdict.Numbers));
            reasons = reasons.Skip(CanaryJudge.SideReasons); // the table says the same
        }

        if (gates is { Count: > 0 })
        {
            text.Append('\n').Append(Gates(gates));
        }

        foreach (var reason in reasons)
        {
            text.Append("\n• ").Append(reason);
        }

        if (verdict.Link is { } link)
        {
            text.Append("\nDetails: ").Append(link);
        }

        if (chartProblem is not null)
        {
            text.Append('\n').Append(chartProblem);
        }

        return text.ToString();
    }

    /// <summary>A fixed-width table in a code block, so every chat shows it aligned.</summary>
    private static string Table(ComparisonData data, VerdictNumbers? numbers) =>
        Fixed([Columns, Row(data.Stable, numbers?.StableP95), Row(data.Canary, numbers?.CanaryP95)], Right);

    /// <summary>The gate metrics: each side's value and the metric's own verdict (critical ones marked).</summary>
    public static string Gates(IReadOnlyList<GateRow> gates) =>
        Fixed(
            [["metric", "stable", "canary", "verdict"], .. gates.Select(g => new[] { g.Critical ? g.Name + " *" : g.Name, g.Stable, g.Canary, g.Outcome.ToString() })],
            [false, true, true, false]) + "\n(* critical: failing it alone fails the step)";

    private static string Fixed(string[][] rows, bool[] right)
    {
        var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        var lines = rows.Select(r => string.Join("  ", r.Select((cell, c) => right[c] ? cell.PadLeft(widths[c]) : cell.PadRight(widths[c]))).TrimEnd());
        return "```\n" + string.Join('\n', lines) + "\n```";
    }

    private static string[] Row(VersionSeries side, double? p95) =>
    [
        side.Track,
        side.Version,
        VerdictTexts.Count(side.Requests),
        VerdictTexts.Count(side.Errors),
        side.ErrorRate is { } rate ? VerdictTexts.Percent(rate) : "—",
        VerdictTexts.Latency(p95),
    ];
}
