using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace ChatOpsRelease.Bot.Web.Dashboard;

/// <summary>The frame every dashboard page shares, and encoding: whatever people typed goes through <see cref="E"/>.</summary>
internal static class DashboardHtml
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Default;

    /// <summary>Text made safe for HTML content and attribute values.</summary>
    public static string E(string? text) => Encoder.Encode(text ?? string.Empty);

    /// <summary>A path segment made safe for a URL inside an attribute.</summary>
    public static string U(string segment) => E(Uri.EscapeDataString(segment));

    public static string Time(DateTimeOffset? at) =>
        at is { } value ? E(value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)) : "—";

    /// <summary>
    /// A whole page. <paramref name="fingerprint"/> is the store's state the page shows: the script redraws
    /// <c>main</c> when <c>/events</c> reports another.
    /// </summary>
    public static string Layout(string title, string fingerprint, string body)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>").Append(E(title)).Append(" — ChatOpsRelease</title><style>").Append(Style).Append("</style>")
            .Append("<script src=\"/dashboard.js\" defer></script></head><body>")
            .Append("<header><a href=\"/\">ChatOpsRelease</a> <span class=\"muted\">read-only dashboard</span></header>")
            .Append("<main data-version=\"").Append(E(fingerprint)).Append("\">").Append(body).Append("</main></body></html>");
        return html.ToString();
    }

    private const string Style = """
        body{font-family:system-ui,sans-serif;margin:0;color:#1d1d1f;background:#f6f7f9}
        header{background:#1f2937;color:#fff;padding:.6rem 1rem}header a{color:#fff;font-weight:600;text-decoration:none}
        main{padding:1rem;max-width:1100px}.muted{color:#8a8f98;font-size:.9em}
        section.release{background:#fff;border:1px solid #dde1e6;border-radius:6px;padding:1rem;margin-bottom:1rem}
        h2{margin:.2rem 0 .6rem}h3{margin:.8rem 0 .3rem;font-size:1rem}
        table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #eceef1;padding:.25rem .4rem;text-align:left;vertical-align:top}
        .state{font-weight:600}.current{background:#fff4d6;font-weight:600}img.chart{max-width:100%;border:1px solid #eceef1}
        .mine{background:#fbf7e8}.Pass{color:#137333}.Fail{color:#b3261e}.Inconclusive{color:#8a6d00}
        """;

    /// <summary>
    /// Listens to <c>/events</c> and, when the store's fingerprint differs from the page's, fetches the page again and swaps
    /// <c>main</c>; asks again for a chart that had no data yet.
    /// </summary>
    public const string Script = """
        (() => {
          let busy = false;
          const redraw = async (version) => {
            const main = document.querySelector('main');
            if (busy || !main || main.dataset.version === version) return;
            busy = true;
            try {
              const response = await fetch(location.href, { credentials: 'same-origin', cache: 'no-store' });
              if (!response.ok) return;
              const page = new DOMParser().parseFromString(await response.text(), 'text/html');
              const fresh = page.querySelector('main');
              if (fresh) document.querySelector('main').replaceWith(document.adoptNode(fresh));
            } finally {
              busy = false;
            }
            const latest = window.__dashboardVersion;
            if (latest && latest !== document.querySelector('main').dataset.version) redraw(latest);
          };
          // A chart the metric source had no data for yet is asked for again, a few times, a little later.
          document.addEventListener('error', (e) => {
            const img = e.target;
            if (!(img instanceof HTMLImageElement) || !img.classList.contains('chart')) return;
            const tries = Number(img.dataset.tries || 0);
            if (tries >= 30) return;
            img.dataset.tries = String(tries + 1);
            setTimeout(() => { if (img.isConnected) img.src = img.src.replace(/&try=\d+$/, '') + '&try=' + (tries + 1); }, 2000);
          }, true);
          const events = new EventSource('/events');
          events.addEventListener('change', (e) => { window.__dashboardVersion = e.data; redraw(e.data); });
        })();
        """;
}
