using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ChatOpsRelease.Bot.Tests.Support;

/// <summary>
/// The Microsoft 365 Agents Playground (npm <c>@microsoft/m365agentsplayground</c>, installed by
/// <c>tests/tools/install.sh</c>) run as a Teams channel emulator for end-to-end tests: it posts Bot Framework
/// activities to the bot's <c>/api/messages</c> (no token), serves a connector at <see cref="ServiceUrl"/>, and
/// streams what the bot sends; this class drives its HTTP API as a Teams user would and records the stream.
/// Everything listens on 127.0.0.1 only. See <c>docs/teams-playground.md</c> for how the playground behaves.
/// <code>
/// await using var teams = await AgentsPlayground.StartAsync(new Uri("http://127.0.0.1:5123/api/messages"));
/// await teams.SendMessageAsync("status web");
/// var card = await teams.WaitForCardAsync(c => c.ToJsonString().Contains("web"));
/// var answer = await teams.InvokeAsync(new JsonObject { ["type"] = "Action.Execute", ["verb"] = "approve" }, card.MessageId());
/// </code>
/// </summary>
internal sealed partial class AgentsPlayground : IAsyncDisposable
{
    public const string DefaultConversationId = "personal-chat-e2e";

    /// <summary>The user the playground is signed in as (<c>currentUser</c>); the only member of the personal chat.</summary>
    public const string DefaultUserId = "user-id-0";

    /// <summary>Where the playground is installed, relative to the repository root.</summary>
    public const string ToolsFolder = "tests/tools/agentsplayground";

    public const string AdaptiveCardContentType = "application/vnd.microsoft.card.adaptive";

    private static readonly TimeSpan DefaultStartTimeout = TimeSpan.FromSeconds(40);

    private static readonly TimeSpan DefaultWaitTimeout = TimeSpan.FromSeconds(10);

    private readonly Process _process;

    private readonly string _workDirectory;

    private readonly HttpClient _http;

    private readonly ClientWebSocket _socket = new();

    private readonly CancellationTokenSource _stopping = new();

    private readonly ChangeSignal _changed = new();

    private readonly Lock _gate = new();

    private readonly List<JsonObject> _received = [];

    private readonly StringBuilder _output = new();

    private Task _receiving = Task.CompletedTask;

    private string? _streamEnded;

    private int _disposed;

    private AgentsPlayground(Process process, string workDirectory, int port, Uri botEndpoint, string conversationId, string serviceUrl)
    {
        _process = process;
        _workDirectory = workDirectory;
        Port = port;
        BotEndpoint = botEndpoint;
        ConversationId = conversationId;
        ServiceUrl = serviceUrl;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        _http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>The playground's root, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; }

    public int Port { get; }

    /// <summary>Where the playground posts activities.</summary>
    public Uri BotEndpoint { get; }

    /// <summary>The personal chat's id (<c>conversation.id</c> of every activity the bot receives).</summary>
    public string ConversationId { get; }

    /// <summary>The <c>serviceUrl</c> of every activity: the playground's connector (no trailing slash unless asked for).</summary>
    public string ServiceUrl { get; }

    /// <summary>The signed-in user's id (<c>from.id</c> of what the bot receives; no <c>29:</c> prefix).</summary>
    public string UserId { get; private set; } = DefaultUserId;

    public string UserName { get; private set; } = "";

    public string UserAadObjectId { get; private set; } = "";

    /// <summary>The bot's id (<c>recipient.id</c> of what the bot receives; no <c>28:</c> prefix).</summary>
    public string BotId { get; private set; } = "";

    public string BotName { get; private set; } = "";

    public string TenantId { get; private set; } = "";

    /// <summary>What <c>GET /_internal/v1/testConfig</c> (the same as <c>/_internal/v1/config</c>) answered at start.</summary>
    public JsonObject Config { get; private set; } = [];

    /// <summary>From starting the process to the stream being connected.</summary>
    public TimeSpan StartupTime { get; private set; }

    /// <summary>The playground's own log (every activity it sent, with the bot's answer); see <see cref="ReadLog"/>.</summary>
    public string LogFile => Path.Combine(_workDirectory, "playground.log");

    /// <summary>
    /// Every frame the conversation stream delivered, in order: <c>{"action":"createMessage"|"updateMessage"|"typing",
    /// "actionConversationId":…,"message":{messageId,timestamp,from,text,textFormat,attachments,…}}</c>. Only what the
    /// bot sent (and its updates) appears; the user's own messages do not.
    /// </summary>
    public IReadOnlyList<JsonObject> Received
    {
        get
        {
            lock (_gate)
            {
                return [.. _received];
            }
        }
    }

    /// <summary>
    /// Starts the playground against <paramref name="botMessagesEndpoint"/> and connects to its stream; the bot need
    /// not answer yet (what the playground sends it before then is lost). Throws if it is not installed, or does not
    /// come up within <paramref name="timeout"/> (40 s by default).
    /// </summary>
    public static async Task<AgentsPlayground> StartAsync(Uri botMessagesEndpoint, string conversationId = DefaultConversationId, TimeSpan? timeout = null, bool serviceUrlWithTrailingSlash = false)
    {
        ArgumentNullException.ThrowIfNull(botMessagesEndpoint);
        ArgumentException.ThrowIfNullOrWhiteSpace(conversationId);
        var budget = timeout ?? DefaultStartTimeout;
        var clock = Stopwatch.StartNew();
        var (cli, preload) = LocateInstallation(FindRepositoryRoot());
        var node = FindOnPath("node") ?? throw new InvalidOperationException("Node.js (node) is not on PATH; the Agents Playground needs Node.js 20 or later. Run ./test.sh, which installs the test tools.");

        // The port is chosen here and passed with -p; the playground silently takes another one if that is taken in
        // between, so its "Listening on N" line is checked, and a lost race is tried again.
        for (var attempt = 1; ; attempt++)
        {
            var port = FreeLoopbackPort();
            var playground = Launch(node, cli, preload, port, botMessagesEndpoint, conversationId, serviceUrlWithTrailingSlash);
            try
            {
                var listening = await playground.WaitForListeningAsync(Remaining(budget, clock));
                if (listening != port)
                {
                    if (attempt < 3)
                    {
                        await playground.DisposeAsync();
                        continue;
                    }

                    throw new InvalidOperationException($"The Agents Playground was asked for port {port} but listens on {listening}.");
                }

                await playground.WaitUntilReadyAsync(Remaining(budget, clock));
                playground.StartupTime = clock.Elapsed;
                return playground;
            }
            catch (Exception error)
            {
                var output = playground.Diagnostics();
                await playground.DisposeAsync();
                if (error is TimeoutException or InvalidOperationException or HttpRequestException or WebSocketException)
                {
                    throw new InvalidOperationException($"The Agents Playground did not start: {error.Message}{Environment.NewLine}{output}", error);
                }

                throw;
            }
        }
    }

    /// <summary>The repository root: the nearest folder above the test binaries that holds ChatOpsRelease.sln.</summary>
    public static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ChatOpsRelease.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds ChatOpsRelease.sln.");
    }

    /// <summary>The playground's <c>cli.js</c> and the harness's preload script under <paramref name="repositoryRoot"/>; throws, saying how to install it, when missing.</summary>
    public static (string Cli, string Preload) LocateInstallation(string repositoryRoot)
    {
        var tools = Path.Combine(repositoryRoot, ToolsFolder);
        var cli = Path.Combine(tools, "node_modules", "@microsoft", "m365agentsplayground", "cli.js");
        var preload = Path.Combine(tools, "preload.cjs");
        if (!File.Exists(cli))
        {
            throw new InvalidOperationException(
                $"The Microsoft 365 Agents Playground is not installed ({cli} is missing). Run ./test.sh, which installs it " +
                "(or tests/tools/install.sh alone: npm ci in tests/tools/agentsplayground).");
        }

        if (!File.Exists(preload))
        {
            throw new InvalidOperationException($"{preload} is missing; it is part of the repository.");
        }

        return (cli, preload);
    }

    /// <summary>
    /// Sends a message as <paramref name="userId"/> into the personal chat (<c>POST /_conversation/v1/conversations/{id}/messages</c>);
    /// returns the playground's id for it. The bot gets it right after, as a <c>message</c> activity with another id.
    /// </summary>
    public async Task<string> SendMessageAsync(string text, string userId = DefaultUserId, string textFormat = "plain")
    {
        var body = new JsonObject { ["from"] = new JsonObject { ["id"] = userId }, ["text"] = text, ["textFormat"] = textFormat };
        var answer = await PostAsync($"_conversation/v1/conversations/{Uri.EscapeDataString(ConversationId)}/messages", body);
        return answer?["messageId"]?.GetValue<string>() ?? throw new InvalidOperationException($"The playground answered a message without messageId: {answer?.ToJsonString()}");
    }

    /// <summary>
    /// An <c>Action.Submit</c> on the card <paramref name="replyToId"/> (a message id from the stream): the bot gets a
    /// <c>message</c> activity whose <c>value</c> is <paramref name="data"/> as given (merge the card's data and inputs
    /// yourself) and whose <c>replyToId</c> is the card's id. The playground answers 200 with no body at once.
    /// </summary>
    public async Task SubmitAsync(JsonObject data, string replyToId, string userId = DefaultUserId)
    {
        var body = new JsonObject
        {
            ["conversation"] = new JsonObject { ["id"] = ConversationId },
            ["from"] = new JsonObject { ["id"] = userId },
            ["replyToId"] = replyToId,
            ["value"] = data.DeepClone(),
        };
        await PostAsync("_conversation/v1/submit", body);
    }

    /// <summary>
    /// An <c>Action.Execute</c> on the card <paramref name="replyToId"/>: the bot gets an <c>invoke</c>
    /// <c>adaptiveCard/action</c> with <c>value = {action, trigger:"manual"}</c>. Returns the playground's answer,
    /// which is the bot's answer less its <c>statusCode</c>: <c>{"type":…,"value":…}</c> (<c>{}</c> if the bot
    /// answered 200 with no body). A bot answering a non-2xx status makes this throw <see cref="AgentsPlaygroundApiException"/> (502).
    /// </summary>
    public async Task<JsonObject> InvokeAsync(JsonObject action, string replyToId, string userId = DefaultUserId, string trigger = "manual")
    {
        var body = new JsonObject
        {
            ["name"] = "adaptiveCard/action",
            ["conversation"] = new JsonObject { ["id"] = ConversationId },
            ["from"] = new JsonObject { ["id"] = userId },
            ["replyToId"] = replyToId,
            ["value"] = new JsonObject { ["action"] = action.DeepClone(), ["trigger"] = trigger },
        };
        return await PostAsync("_conversation/v1/invoke", body) as JsonObject ?? [];
    }

    /// <summary>
    /// What the playground's web page does when it opens: the bot gets an <c>installationUpdate</c> (action
    /// <c>add</c>) and a <c>conversationUpdate</c> with <c>membersAdded</c> = the user and the bot. Headless, nothing
    /// sends these unless asked.
    /// </summary>
    public Task InstallAsync() =>
        PostAsync($"_debug/conversation/{Uri.EscapeDataString(ConversationId)}/installation", new JsonObject());

    /// <summary>
    /// The first frame (from index <paramref name="from"/> of <see cref="Received"/> on) that matches; waits for it at
    /// most <paramref name="timeout"/> (10 s by default), then throws a <see cref="TimeoutException"/> listing what did arrive.
    /// </summary>
    public async Task<JsonObject> WaitForAsync(Func<JsonObject, bool> match, TimeSpan? timeout = null, int from = 0, string? what = null)
    {
        var limit = timeout ?? DefaultWaitTimeout;
        try
        {
            return await _changed.WaitForAsync(
                () =>
                {
                    List<JsonObject> frames;
                    string? ended;
                    lock (_gate)
                    {
                        frames = _received.Count > from ? _received.GetRange(Math.Max(0, from), _received.Count - Math.Max(0, from)) : [];
                        ended = _streamEnded;
                    }

                    return frames.FirstOrDefault(match)
                        ?? (ended is null ? null : throw new InvalidOperationException($"The playground's stream ended ({ended}) before {what ?? "a matching frame"} arrived.{Environment.NewLine}{Diagnostics()}"));
                },
                limit,
                what ?? "a matching frame from the playground");
        }
        catch (TimeoutException timedOut)
        {
            throw new TimeoutException($"{timedOut.Message}{Environment.NewLine}{Diagnostics()}", timedOut);
        }
    }

    /// <summary>A message (new or updated) from the bot whose text contains <paramref name="contains"/>.</summary>
    public Task<JsonObject> WaitForTextAsync(string contains, TimeSpan? timeout = null, int from = 0) =>
        WaitForAsync(f => f.IsMessage() && f.Text()?.Contains(contains, StringComparison.Ordinal) == true, timeout, from, $"a message containing \"{contains}\"");

    /// <summary>A message (new or updated) from the bot carrying an Adaptive Card that matches (any card if null).</summary>
    public Task<JsonObject> WaitForCardAsync(Func<JsonObject, bool>? card = null, TimeSpan? timeout = null, int from = 0) =>
        WaitForAsync(f => f.IsMessage() && f.AdaptiveCards().Any(c => card is null || card(c)), timeout, from, "an Adaptive Card");

    /// <summary>An <c>updateMessage</c> frame for <paramref name="messageId"/> (the bot PUT the activity) that matches.</summary>
    public Task<JsonObject> WaitForUpdateAsync(string messageId, Func<JsonObject, bool>? match = null, TimeSpan? timeout = null, int from = 0) =>
        WaitForAsync(f => f.Action() == "updateMessage" && f.MessageId() == messageId && (match is null || match(f)), timeout, from, $"an update of message {messageId}");

    /// <summary>The playground's log so far (empty if it wrote none).</summary>
    public string ReadLog()
    {
        try
        {
            using var stream = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
        catch (IOException)
        {
            return "";
        }
    }

    /// <summary>Stops the playground (the whole process tree) and removes its working folder; bounded, never throws.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync();
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Not started, or already gone.
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // Gone while being killed.
        }

        using (var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            try
            {
                await _process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                // Reported by nothing: the test is over; the process was sent SIGKILL.
            }
            catch (InvalidOperationException)
            {
                // Never started.
            }
        }

        try
        {
            await _receiving.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception)
        {
            // The stream ends with the process, one way or another.
        }

        _socket.Dispose();
        _http.Dispose();
        _process.Dispose();
        _stopping.Dispose();
        try
        {
            Directory.Delete(_workDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static AgentsPlayground Launch(string node, string cli, string preload, int port, Uri botEndpoint, string conversationId, bool trailingSlash)
    {
        var work = Directory.CreateTempSubdirectory("agentsplayground-").FullName;
        var serviceUrl = $"http://127.0.0.1:{port}/_connector{(trailingSlash ? "/" : "")}";
        var start = new ProcessStartInfo(node)
        {
            // The playground reads .m365agentsplayground.yml and writes devTools/ in its working folder: a fresh one.
            WorkingDirectory = work,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in new[]
                 {
                     "--require", preload, cli, "start",
                     "--app-endpoint", botEndpoint.AbsoluteUri,
                     "--channel-id", "msteams",
                     "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--conversation-id", conversationId,
                     "--service-url", serviceUrl,
                     "--disable-telemetry",
                 })
        {
            start.ArgumentList.Add(argument);
        }

        // Settings the playground also takes from the environment would override or redirect these: drop them.
        foreach (var name in start.Environment.Keys.ToList())
        {
            if (name.StartsWith("M365_AGENTS_PLAYGROUND_", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("TEAMSAPPTESTER_", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("TEAMS_APP_TEST_TOOL_", StringComparison.OrdinalIgnoreCase)
                || name.Equals("BOT_ENDPOINT", StringComparison.OrdinalIgnoreCase)
                || name.Equals("DEFAULT_CHANNEL_ID", StringComparison.OrdinalIgnoreCase)
                || name.Equals("SEND_INSTALLATION_ACTIVITY", StringComparison.OrdinalIgnoreCase)
                || name.Equals("HTTP_PROXY", StringComparison.OrdinalIgnoreCase)
                || name.Equals("HTTPS_PROXY", StringComparison.OrdinalIgnoreCase)
                || name.Equals("NODE_OPTIONS", StringComparison.OrdinalIgnoreCase))
            {
                start.Environment.Remove(name);
            }
        }

        start.Environment["TEAMSAPPTESTER_BROWSER"] = "none";
        start.Environment["M365_AGENTS_PLAYGROUND_LOGFILE"] = Path.Combine(work, "playground.log");
        start.Environment["NO_PROXY"] = "*";
        start.Environment["no_proxy"] = "*";
        start.Environment["AGENTS_PLAYGROUND_EXIT_WITH_STDIN"] = "1";

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var playground = new AgentsPlayground(process, work, port, botEndpoint, conversationId, serviceUrl);
        process.OutputDataReceived += (_, line) => playground.OnOutput(line.Data);
        process.ErrorDataReceived += (_, line) => playground.OnOutput(line.Data);
        process.Exited += (_, _) => playground._changed.Notify();
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception error)
        {
            Directory.Delete(work, recursive: true);
            throw new InvalidOperationException($"Could not start {node}: {error.Message}", error);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return playground;
    }

    private void OnOutput(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            if (_output.Length < 64 * 1024)
            {
                _output.AppendLine(line);
            }
        }

        _changed.Notify();
    }

    /// <summary>The port of the playground's "Listening on N" line (printed once its server is bound).</summary>
    private async Task<int> WaitForListeningAsync(TimeSpan timeout)
    {
        var port = await _changed.WaitForAsync(
            () =>
            {
                string output;
                lock (_gate)
                {
                    output = _output.ToString();
                }

                if (ListeningLine().Match(output) is { Success: true } found)
                {
                    return found.Groups[1].Value;
                }

                return HasExited() ? throw new InvalidOperationException($"The Agents Playground exited with code {_process.ExitCode} before listening.") : null;
            },
            timeout,
            "the Agents Playground to listen");
        return int.Parse(port, System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, _stopping.Token);
        var token = linked.Token;
        try
        {
            // The API is mounted right after the "Listening" line; /_debug/ping answers "pong" once it is.
            while (true)
            {
                if (HasExited())
                {
                    throw new InvalidOperationException($"The Agents Playground exited with code {_process.ExitCode}.");
                }

                try
                {
                    using var ping = await _http.GetAsync("_debug/ping", token);
                    if (ping.IsSuccessStatusCode && (await ping.Content.ReadAsStringAsync(token)) == "pong")
                    {
                        break;
                    }
                }
                catch (HttpRequestException)
                {
                }

                await Task.Delay(50, token);
            }

            // The ids. /_internal/v1/config answers the same but first waits (up to 15 s) for the bot's endpoint to
            // answer a HEAD request; /_internal/v1/testConfig does not.
            using (var config = await _http.GetAsync("_internal/v1/testConfig", token))
            {
                config.EnsureSuccessStatusCode();
                ReadConfig(await config.Content.ReadFromJsonAsync<JsonObject>(token) ?? throw new InvalidOperationException("GET /_internal/v1/config answered no JSON."));
            }

            _socket.Options.Proxy = null;
            await _socket.ConnectAsync(new Uri($"ws://127.0.0.1:{Port}/_ws_conversation/v1/conversations/stream"), token);
            _receiving = Task.Run(ReceiveAsync, CancellationToken.None);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            throw new TimeoutException($"The Agents Playground was not ready within {timeout.TotalSeconds:0.#} s.");
        }
    }

    private void ReadConfig(JsonObject answer)
    {
        Config = answer;
        var config = answer["config"] as JsonObject ?? throw new InvalidOperationException($"Unexpected config: {answer.ToJsonString()}");
        var chat = config["personalChat"]?["id"]?.GetValue<string>();
        if (chat != ConversationId)
        {
            throw new InvalidOperationException($"The playground's personal chat is '{chat}', not '{ConversationId}'.");
        }

        TenantId = config["tenantId"]?.GetValue<string>() ?? "";
        BotId = config["bot"]?["id"]?.GetValue<string>() ?? "";
        BotName = config["bot"]?["name"]?.GetValue<string>() ?? "";
        UserId = config["currentUser"]?["id"]?.GetValue<string>() ?? DefaultUserId;
        UserName = config["currentUser"]?["name"]?.GetValue<string>() ?? "";
        UserAadObjectId = config["currentUser"]?["aadObjectId"]?.GetValue<string>() ?? "";
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[16 * 1024];
        using var frame = new MemoryStream();
        string ended;
        try
        {
            while (true)
            {
                var part = await _socket.ReceiveAsync(buffer, _stopping.Token);
                if (part.MessageType == WebSocketMessageType.Close)
                {
                    ended = $"closed with {part.CloseStatus} {part.CloseStatusDescription}";
                    break;
                }

                frame.Write(buffer, 0, part.Count);
                if (!part.EndOfMessage)
                {
                    continue;
                }

                var text = Encoding.UTF8.GetString(frame.GetBuffer(), 0, (int)frame.Length);
                frame.SetLength(0);
                JsonObject parsed;
                try
                {
                    parsed = JsonNode.Parse(text) as JsonObject ?? new JsonObject { ["unparsed"] = text };
                }
                catch (JsonException)
                {
                    parsed = new JsonObject { ["unparsed"] = text };
                }

                lock (_gate)
                {
                    _received.Add(parsed);
                }

                _changed.Notify();
            }
        }
        catch (OperationCanceledException)
        {
            ended = "stopped";
        }
        catch (WebSocketException error)
        {
            // The playground does not close the stream when it stops: the connection just drops.
            ended = $"dropped ({error.WebSocketErrorCode})";
        }

        lock (_gate)
        {
            _streamEnded = ended;
        }

        _changed.Notify();
    }

    private async Task<JsonNode?> PostAsync(string path, JsonObject body)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var response = await _http.PostAsync(path, new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"), timeout.Token);
        var text = await response.Content.ReadAsStringAsync(timeout.Token);
        if (!response.IsSuccessStatusCode)
        {
            throw new AgentsPlaygroundApiException((int)response.StatusCode, text, $"POST /{path} answered {(int)response.StatusCode}: {text}");
        }

        return text.Length == 0 ? null : JsonNode.Parse(text);
    }

    private bool HasExited()
    {
        try
        {
            return _process.HasExited;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>The frames so far, the process's output and the end of the playground's log, for failure messages.</summary>
    private string Diagnostics()
    {
        string output;
        List<JsonObject> frames;
        lock (_gate)
        {
            output = _output.ToString();
            frames = [.. _received];
        }

        var log = ReadLog();
        var text = new StringBuilder();
        text.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"Stream frames ({frames.Count}):");
        foreach (var frame in frames.TakeLast(20))
        {
            text.AppendLine(Shorten(frame.ToJsonString(), 600));
        }

        text.AppendLine("Playground output:").AppendLine(Shorten(output.Trim(), 2000));
        text.AppendLine("Playground log (end):").AppendLine(log.Length > 4000 ? log[^4000..] : log);
        return text.ToString();
    }

    private static string Shorten(string text, int length) => text.Length <= length ? text : text[..length] + "…";

    private static TimeSpan Remaining(TimeSpan budget, Stopwatch clock)
    {
        var left = budget - clock.Elapsed;
        return left > TimeSpan.Zero ? left : TimeSpan.FromMilliseconds(1);
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
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

    [GeneratedRegex(@"^Listening on (\d+)\s*$", RegexOptions.Multiline)]
    private static partial Regex ListeningLine();
}

/// <summary>The playground's HTTP API answered a non-2xx status (e.g. 400 for an unknown message id, 502 when the bot failed an invoke).</summary>
internal sealed class AgentsPlaygroundApiException(int status, string body, string message) : Exception(message)
{
    public int Status { get; } = status;

    /// <summary>The answer as sent, e.g. <c>{"code":"UserBotError","message":"…","innerHttpError":{"statusCode":500,"body":…}}</c>.</summary>
    public string Body { get; } = body;
}

/// <summary>Reading the frames of the playground's conversation stream.</summary>
internal static class AgentsPlaygroundFrames
{
    /// <summary><c>createMessage</c>, <c>updateMessage</c> or <c>typing</c>.</summary>
    public static string? Action(this JsonObject frame) => frame["action"]?.GetValue<string>();

    public static bool IsMessage(this JsonObject frame) => frame.Action() is "createMessage" or "updateMessage";

    public static JsonObject? Message(this JsonObject frame) => frame["message"] as JsonObject;

    /// <summary>The playground's id of the message: what the connector answered the bot, and what <c>replyToId</c> of a submit or invoke names.</summary>
    public static string MessageId(this JsonObject frame) =>
        frame.Message()?["messageId"]?.GetValue<string>() ?? throw new InvalidOperationException($"Not a message frame: {frame.ToJsonString()}");

    public static string? Text(this JsonObject frame) => frame.Message()?["text"]?.GetValue<string>();

    /// <summary>The <c>content</c> of each Adaptive Card attachment of the message.</summary>
    public static IEnumerable<JsonObject> AdaptiveCards(this JsonObject frame) =>
        (frame.Message()?["attachments"] as JsonArray ?? [])
        .OfType<JsonObject>()
        .Where(a => a["contentType"]?.GetValue<string>() == AgentsPlayground.AdaptiveCardContentType)
        .Select(a => a["content"])
        .OfType<JsonObject>();
}
