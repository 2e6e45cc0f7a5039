using ChatOpsRelease.Bot.Charts;
using ChatOpsRelease.Bot.Chat.Console;
using ChatOpsRelease.Bot.Chat.Outbox;
using ChatOpsRelease.Bot.Chat.Slack;
using ChatOpsRelease.Bot.Chat.Teams;
using ChatOpsRelease.Bot.Consent;
using ChatOpsRelease.Bot.Jobs;
using ChatOpsRelease.Bot.Kubernetes;
using ChatOpsRelease.Bot.Metrics;
using ChatOpsRelease.Bot.Observability;
using ChatOpsRelease.Bot.Releases;
using ChatOpsRelease.Bot.Storage;
using ChatOpsRelease.Bot.Web;
using ChatOpsRelease.Bot.Web.Dashboard;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatOpsRelease.Bot;

/// <summary>Builds the bot: configuration, adapters, the core, and the connection to the cluster.</summary>
public static class BotHost
{
    /// <summary>
    /// Builds the host and connects to the cluster (starting the sandbox when no cluster is configured).
    /// <paramref name="configure"/> lets a caller add configuration (read by the registrations) before the bot's
    /// services are added; <paramref name="replaceServices"/> runs after them, to replace some.
    /// </summary>
    public static async Task<WebApplication> CreateAsync(
        string[] args,
        Action<WebApplicationBuilder>? configure = null,
        CancellationToken cancellationToken = default,
        Action<IServiceCollection>? replaceServices = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();

        configure?.Invoke(builder);

        // Standard output belongs to the terminal chat; logs go to standard error, as JSON lines when it is not a terminal.
        builder.Logging.AddBotConsole(builder.Configuration);

        // Secrets (tokens, signing secrets) may come as files, one per key: a file named Chat__Slack__BotToken holds Chat:Slack:BotToken.
        if (builder.Configuration["SecretsDirectory"] is { Length: > 0 } secrets)
        {
            builder.Configuration.AddKeyPerFile(Path.GetFullPath(secrets), optional: false);
        }

        var configuration = builder.Configuration;
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<DataDirectoryHolder>();
        builder.Services
            .AddStorage(configuration)
            .AddCharts()
            .AddKubernetes(configuration)
            .AddMetricSources(configuration)
            .AddJobs(configuration)
            .AddConsent(configuration)
            .AddReleases(configuration)
            .AddConsoleChat(configuration)
            .AddSlack(configuration)
            .AddTeams(configuration)
            .AddChatOutbox(configuration)
            .AddObservability(configuration)
            .AddDashboard(configuration);
        replaceServices?.Invoke(builder.Services);

        var app = builder.Build();
        StartupValidation.ValidateAll(app.Services);
        HoldDataDirectory(app);
        app.MapBotEndpoints();
        try
        {
            await app.Services.GetRequiredService<ClusterConnection>().ConnectAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            app.Services.GetRequiredService<DataDirectoryHolder>().Dispose();
            throw;
        }

        if (AppPlanCheck.Failure(app.Services) is { } failure)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw failure;
        }

        return app;
    }

    /// <summary>In embedded mode, takes the data folder for this process until the host is disposed (or refuses to start).</summary>
    private static void HoldDataDirectory(WebApplication app)
    {
        var storage = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<StorageOptions>>().Value;
        if (string.Equals(storage.Provider, "litedb", StringComparison.OrdinalIgnoreCase))
        {
            var held = DataDirectoryLock.Acquire(storage.FullDataDirectory);
            app.Lifetime.ApplicationStopped.Register(held.Dispose);
            app.Services.GetRequiredService<DataDirectoryHolder>().Hold(held);
        }
    }
}

/// <summary>Keeps the data folder's lock for as long as the bot's services live.</summary>
internal sealed class DataDirectoryHolder : IDisposable
{
    private DataDirectoryLock? _held;

    public void Hold(DataDirectoryLock held) => _held = held;

    public void Dispose() => _held?.Dispose();
}
