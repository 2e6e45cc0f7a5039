using System.Text;
using ChatOpsRelease.Commands.Analysis;

namespace ChatOpsRelease.Bot.Metrics.Elasticsearch;

/// <summary>
/// A Kibana Discover address showing the documents behind a comparison:
/// <c>{KibanaUrl}/app/discover#/?_g=(time:(from:'…',to:'…'))&amp;_a=(query:(language:kuery,query:'…'))</c>, with
/// <c>dataSource:(dataViewId:'…',type:dataView)</c> in <c>_a</c> when a data view is configured. The state is Rison;
/// everything but the characters Rison itself needs is percent-encoded.
/// </summary>
internal static class KibanaDiscoverLink
{
    public static string? For(ElasticsearchOptions options, string kql, MetricWindow window)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(window);
        if (string.IsNullOrWhiteSpace(options.KibanaUrl))
        {
            return null;
        }

        var time = $"(time:(from:{Rison(MetricTexts.Timestamp(window.From))},to:{Rison(MetricTexts.Timestamp(window.To))}))";
        var dataSource = string.IsNullOrWhiteSpace(options.KibanaDataView) ? string.Empty : $"dataSource:(dataViewId:{Rison(options.KibanaDataView)},type:dataView),";
        var app = $"({dataSource}query:(language:kuery,query:{Rison(kql)}))";
        return $"{options.KibanaUrl.TrimEnd('/')}/app/discover#/?_g={Escape(time)}&_a={Escape(app)}";
    }

    /// <summary>A Rison string: in single quotes, with <c>!</c> and <c>'</c> escaped by <c>!</c>.</summary>
    private static string Rison(string value) => "'" + value.Replace("!", "!!", StringComparison.Ordinal).Replace("'", "!'", StringComparison.Ordinal) + "'";

    /// <summary>Percent-encodes UTF-8 bytes except letters, digits and <c>-._~()':,!*@/</c>, which Kibana's own links keep.</summary>
    private static string Escape(string value)
    {
        var text = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || "-._~()':,!*@/".Contains(c, StringComparison.Ordinal))
            {
                text.Append(c);
            }
            else
            {
                text.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return text.ToString();
    }
}
