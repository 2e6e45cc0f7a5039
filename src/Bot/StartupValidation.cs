using ChatOpsRelease.Bot.Chat.Console;
using ChatOpsRelease.Bot.Chat.Slack;
using ChatOpsRelease.Bot.Chat.Teams;
using ChatOpsRelease.Bot.Consent;
using ChatOpsRelease.Bot.Jobs;
using ChatOpsRelease.Bot.Kubernetes;
using ChatOpsRelease.Bot.Metrics.Elasticsearch;
using ChatOpsRelease.Bot.Metrics.Prometheus;
using ChatOpsRelease.Bot.Releases;
using ChatOpsRelease.Bot.Storage;
using Microsoft.Extensions.Options;

namespace ChatOpsRelease.Bot;

/// <summary>
/// Checks every configuration section before anything is started (the sandbox, the database, the jobs), and
/// reports all the problems at once rather than the first one.
/// </summary>
internal static class StartupValidation
{
    public static void ValidateAll(IServiceProvider services)
    {
        var failures = new List<OptionsValidationException>();
        Check<StorageOptions>(services, failures);
        Check<KubernetesOptions>(services, failures);
        Check<SandboxSettings>(services, failures);
        Check<JobsOptions>(services, failures);
        Check<AppsOptions>(services, failures);
        Check<ReleasesOptions>(services, failures);
        Check<PlansOptions>(services, failures);
        Check<AccessOptions>(services, failures);
        Check<ApprovalsOptions>(services, failures);
        Check<SchedulesOptions>(services, failures);
        Check<FreezesOptions>(services, failures);
        Check<PrometheusOptions>(services, failures);
        Check<ElasticsearchOptions>(services, failures);
        Check<ConsoleChatOptions>(services, failures);
        Check<SlackOptions>(services, failures);
        Check<SlackGroupOptions>(services, failures);
        Check<TeamsOptions>(services, failures);
        Check<Chat.Outbox.OutboxOptions>(services, failures);
        Check<Web.Dashboard.WebOptions>(services, failures);
        if (failures.Count > 0)
        {
            throw new AggregateException("The configuration has problems.", failures);
        }
    }

    private static void Check<T>(IServiceProvider services, List<OptionsValidationException> failures)
        where T : class
    {
        try
        {
            _ = services.GetRequiredService<IOptions<T>>().Value;
        }
        catch (OptionsValidationException ex)
        {
            failures.Add(ex);
        }
    }
}
