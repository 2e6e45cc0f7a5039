using System.Threading.Channels;
using ChatOpsRelease.Commands.Handlers;
using ChatOpsRelease.Commands.Ports;

namespace ChatOpsRelease.Bot.Chat;

/// <summary>Answers a handled delivery on its platform, where the platform's conventions say the answer belongs.</summary>
internal interface IChatResponder
{
    string Platform { get; }

    Task RespondAsync(InboundDelivery delivery, CommandResult result, CancellationToken cancellationToken);
}

/// <summary>
/// Carries out one platform's recorded deliveries one after another, outside the request that brought them: the
/// command handler decides, the platform's responder answers, the inbox marks the delivery handled. At start it
/// first picks up deliveries recorded but not handled before the bot stopped.
/// </summary>
internal sealed partial class ChatWorker(
    IChatInbox inbox,
    CommandHandler commands,
    IChatResponder responder,
    ILogger<ChatWorker> logger) : BackgroundService
{
    private readonly Channel<InboundDelivery> _queue = Channel.CreateUnbounded<InboundDelivery>(new UnboundedChannelOptions { SingleReader = true });

    public string Platform => responder.Platform;

    public void Enqueue(InboundDelivery delivery) => _queue.Writer.TryWrite(delivery);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var handled = new HashSet<string>(StringComparer.Ordinal);
        foreach (var left in await inbox.PendingAsync(responder.Platform, stoppingToken).ConfigureAwait(false))
        {
            LogResumed(logger, left.Id);
            await HandleAsync(left, stoppingToken).ConfigureAwait(false);
            handled.Add(left.Id);
        }

        await foreach (var delivery in _queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            if (handled.Add(delivery.Id))
            {
                await HandleAsync(delivery, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private async Task HandleAsync(InboundDelivery delivery, CancellationToken cancellationToken)
    {
        try
        {
            var result = await commands.HandleAsync(delivery.Request, cancellationToken).ConfigureAwait(false);
            await responder.RespondAsync(delivery, result, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(logger, delivery.Id, ex);
        }

        await inbox.CompleteAsync(delivery.Id, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Chat delivery {Id} was recorded before the bot stopped; handling it now")]
    private static partial void LogResumed(ILogger logger, string id);

    [LoggerMessage(Level = LogLevel.Error, Message = "Chat delivery {Id} could not be answered")]
    private static partial void LogFailed(ILogger logger, string id, Exception exception);
}

internal static class ChatWorkerServiceCollectionExtensions
{
    /// <summary>A worker for one platform, found by the platform's name as a keyed service, and started with the host.</summary>
    public static IServiceCollection AddChatWorker<TResponder>(this IServiceCollection services, string platform)
        where TResponder : class, IChatResponder
    {
        services.AddSingleton<TResponder>();
        services.AddKeyedSingleton(platform, (sp, _) => ActivatorUtilities.CreateInstance<ChatWorker>(sp, sp.GetRequiredService<TResponder>()));
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredKeyedService<ChatWorker>(platform));
        return services;
    }
}
