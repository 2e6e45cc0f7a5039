using ChatOpsRelease.Bot.Kubernetes;
using ChatOpsRelease.Commands.Handlers;
using ChatOpsRelease.Commands.Ports;
using Microsoft.Extensions.Options;

namespace ChatOpsRelease.Bot.Chat.Console;

/// <summary>
/// The terminal chat: reads a command per line, answers it, and prints jobs' outcomes as they arrive. With
/// piped input each line waits for the jobs it queued, so a script runs in order; when input ends the bot
/// waits for queued jobs and stops.
/// </summary>
internal sealed partial class ConsoleChat(
    ConsoleIo io,
    CommandHandler commands,
    ConsoleCharts charts,
    IReleaseStore store,
    IFlagChangeStore flagChanges,
    Commands.Releases.AppCatalog apps,
    ClusterInfo cluster,
    IOptions<ConsoleChatOptions> options,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<ConsoleChat> logger) : BackgroundService
{
    public static readonly ConversationRef Conversation = new(ConsoleReplies.PlatformName, "terminal");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await ChatAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The bot is stopping (Ctrl-C, or it failed to start): nothing more to read.
        }
    }

    private async Task ChatAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var actor = new Actor(ConsoleReplies.PlatformName, Environment.UserName, Environment.UserName);
        await WhenStartedAsync(stoppingToken).ConfigureAwait(false);
        var unfinished = await store.ActiveAsync(stoppingToken).ConfigureAwait(false);
        var carried = unfinished.Count == 0
            ? string.Empty
            : "\nUnfinished releases: " + string.Join("; ", unfinished.Select(r => $"{r.Title} ({r.State}, canary at {r.EffectiveWeight}%)")) + ".";
        io.WriteLines($"ChatOpsRelease terminal chat. {cluster.Announcement}{carried}\nType `help` for the commands"
            + (io.Interactive ? ", Ctrl-D or `exit` to leave." : "."));
        while (!stoppingToken.IsCancellationRequested)
        {
            if (io.Interactive)
            {
                io.Write(settings.Prompt);
            }

            var line = await ReadLineAsync(stoppingToken).ConfigureAwait(false);
            if (line is null || line.Trim() is "exit" or "quit")
            {
                break;
            }

            if (string.IsNullOrWhiteSpace(line) || line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            var result = await commands.HandleAsync(new ChatRequest(line, actor, Conversation), stoppingToken).ConfigureAwait(false);
            io.WriteLines(ConsoleReplies.Format(result.Reply));
            if (charts.Save(result.Reply) is { } chart)
            {
                io.WriteLines(chart);
            }

            if (!io.Interactive)
            {
                await WaitForJobsAsync(settings.WaitForJobs, stoppingToken).ConfigureAwait(false);
            }
        }

        await WaitForJobsAsync(settings.WaitForJobs, stoppingToken).ConfigureAwait(false);
        if (settings.ExitWhenInputEnds)
        {
            LogInputEnded(logger);
            lifetime.StopApplication();
        }
    }

    /// <summary>
    /// Waits until no release has a step queued or running and no flag change waits for its job, polling the stores, for
    /// at most <paramref name="limit"/>.
    /// </summary>
    private async Task WaitForJobsAsync(TimeSpan limit, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + limit;
        while ((await store.ActiveAsync(cancellationToken).ConfigureAwait(false)).Any(r => r.HasOpenSteps)
            || await FlagChangeQueuedAsync(cancellationToken).ConfigureAwait(false))
        {
            if (time.GetUtcNow() >= deadline)
            {
                io.WriteLines($"Queued jobs are still running after {limit.TotalMinutes:0.#} min; they go on in the background (`status` shows them).");
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<bool> FlagChangeQueuedAsync(CancellationToken cancellationToken)
    {
        foreach (var app in apps.All)
        {
            if ((await flagChanges.RecentAsync(app.Name, null, 20, cancellationToken).ConfigureAwait(false)).Any(c => c.State == FlagChangeState.Queued))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Reads a line on a thread of its own: reading a terminal blocks and cannot be cancelled, so on Ctrl-C the
    /// bot stops waiting for it (the thread is a background thread and ends with the process).
    /// </summary>
    private Task<string?> ReadLineAsync(CancellationToken cancellationToken) =>
        Task.Factory.StartNew(() => io.Input.ReadLine(), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)
            .WaitAsync(cancellationToken);

    private Task WhenStartedAsync(CancellationToken cancellationToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        return started.Task.WaitAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Terminal input ended and queued jobs are done; stopping")]
    private static partial void LogInputEnded(ILogger logger);
}
