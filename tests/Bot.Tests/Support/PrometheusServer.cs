using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace ChatOpsRelease.Bot.Tests.Support;

/// <summary>
/// A real Prometheus server (the <c>prometheus</c> program on PATH; <c>./test.sh</c> installs the Debian package) in a
/// temporary folder, listening on 127.0.0.1 and scraping one target's <c>/metrics</c> every
/// <see cref="ScrapeInterval"/>. Its log (stderr) is kept in <see cref="Log"/> for assertion messages.
/// <code>
/// var port = PrometheusServer.FreePort();
/// await using var prometheus = await PrometheusServer.StartAsync(sandbox.BaseAddress, port);
/// var canary = prometheus.Value("sum(http_requests_total{track=\"canary\"})");
/// </code>
/// Prometheus 2.x hands static targets to its scrapers about 5 s after it starts, so the first scrape comes then.
/// </summary>
internal sealed class PrometheusServer : IAsyncDisposable
{
    public static readonly TimeSpan ScrapeInterval = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(20);

    private readonly Process _process;

    private readonly string _folder;

    private readonly HttpClient _http;

    private readonly StringBuilder _log = new();

    private readonly Lock _gate = new();

    private int _disposed;

    private PrometheusServer(Process process, string folder, int port)
    {
        _process = process;
        _folder = folder;
        Url = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
        _http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(5) };
    }

    /// <summary>The server's root, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Url { get; }

    /// <summary>What Prometheus wrote to stderr so far (its log).</summary>
    public string Log
    {
        get
        {
            lock (_gate)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>A loopback port nothing listens on right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts Prometheus on 127.0.0.1:<paramref name="port"/> scraping <paramref name="target"/>'s <c>/metrics</c>; returns once it is ready.</summary>
    public static async Task<PrometheusServer> StartAsync(Uri target, int port)
    {
        ArgumentNullException.ThrowIfNull(target);
        var program = FindOnPath("prometheus") ?? throw new InvalidOperationException(
            "prometheus is not on PATH; the Prometheus end-to-end tests run a real server. Run ./test.sh, which installs it "
            + "(apt-get install prometheus), or install the Debian package prometheus yourself.");
        var folder = Directory.CreateTempSubdirectory("chatops-prometheus-").FullName;
        var config = Path.Combine(folder, "prometheus.yml");
        await File.WriteAllTextAsync(config, Config(target));

        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = folder,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
                 {
                     $"--config.file={config}",
                     $"--storage.tsdb.path={Path.Combine(folder, "data")}",
                     "--storage.tsdb.retention.time=1h",
                     $"--web.listen-address=127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}",
                 })
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start };
        var server = new PrometheusServer(process, folder, port);
        process.OutputDataReceived += (_, line) => server.Append(line.Data);
        process.ErrorDataReceived += (_, line) => server.Append(line.Data);
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception error)
        {
            await server.DisposeAsync();
            throw new InvalidOperationException($"Could not start {program}: {error.Message}", error);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await server.WaitUntilReadyAsync();
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>
    /// The value of an instant query whose answer is one sample (e.g. a <c>sum(…)</c>); null when the answer is empty.
    /// Synchronous, for <see cref="GatedScript"/> conditions.
    /// </summary>
    public double? Value(string query)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/v1/query?query={Uri.EscapeDataString(query)}");
        using var response = _http.Send(request);
        using var reader = new StreamReader(response.Content.ReadAsStream());
        var body = reader.ReadToEnd();
        using var answer = JsonDocument.Parse(body);
        var root = answer.RootElement;
        if (root.GetProperty("status").GetString() != "success")
        {
            throw new InvalidOperationException($"Prometheus refused {query}: {body}");
        }

        var result = root.GetProperty("data").GetProperty("result");
        return result.GetArrayLength() switch
        {
            0 => null,
            1 => double.Parse(result[0].GetProperty("value")[1].GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture),
            _ => throw new InvalidOperationException($"{query} gave {result.GetArrayLength()} series; one was expected."),
        };
    }

    /// <summary>Stops the server (SIGKILL to the process tree) and removes its folder; bounded, never throws.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (Exception ex) when (ex is InvalidOperationException or OperationCanceledException or System.ComponentModel.Win32Exception)
        {
            // Never started, already gone, or still going after SIGKILL: the test is over either way.
        }

        _http.Dispose();
        _process.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A file still held open; the temp folder is cleaned up later.
        }
    }

    private static string Config(Uri target) =>
        $"""
        global:
          scrape_interval: {(int)ScrapeInterval.TotalMilliseconds}ms
          scrape_timeout: {(int)ScrapeInterval.TotalMilliseconds}ms
        scrape_configs:
          - job_name: sandbox
            metrics_path: /metrics
            static_configs:
              - targets: ['{target.Authority}']
        """;

    /// <summary>Polls <c>/-/ready</c> until it answers 200, the process ends, or <see cref="ReadyTimeout"/> passes.</summary>
    private async Task WaitUntilReadyAsync()
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < ReadyTimeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"prometheus exited with code {_process.ExitCode} before it was ready:\n{Log}");
            }

            try
            {
                using var response = await _http.GetAsync(new Uri("-/ready", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException($"prometheus was not ready at {Url}-/ready within {ReadyTimeout.TotalSeconds:0} s:\n{Log}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            _log.Append(line).Append('\n');
        }
    }

    private static string? FindOnPath(string program)
    {
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(folder, program);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
