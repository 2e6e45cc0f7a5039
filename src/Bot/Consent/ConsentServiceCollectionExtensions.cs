using ChatOpsRelease.Bot.Chat.Slack;
using ChatOpsRelease.Bot.Chat.Slack.Api;
using ChatOpsRelease.Commands.Consent;
using ChatOpsRelease.Commands.Ports;
using Microsoft.Extensions.Options;

namespace ChatOpsRelease.Bot.Consent;

internal static class ConsentServiceCollectionExtensions
{
    /// <summary>
    /// Access grants (<c>Access</c>) as the <see cref="Commands.Access.AccessPolicy"/>; approvals, schedules and calendar
    /// freezes (<c>Approvals</c>, <c>Schedules</c>, <c>Freezes</c>) as the <see cref="ConsentSettings"/>; the approvals of flag changes
    /// (<c>Flags</c>) as the <see cref="Commands.Flags.FlagSettings"/>; each section checked at
    /// start-up. With Slack on, Slack user groups answer the grants that name them.
    /// </summary>
    public static IServiceCollection AddConsent(this IServiceCollection services, IConfiguration configuration)
    {
        AddSection<AccessOptions, AccessOptionsValidator>(services, configuration, AccessOptions.Section);
        AddSection<ApprovalsOptions, ApprovalsOptionsValidator>(services, configuration, ApprovalsOptions.Section);
        AddSection<SchedulesOptions, SchedulesOptionsValidator>(services, configuration, SchedulesOptions.Section);
        AddSection<FreezesOptions, FreezesOptionsValidator>(services, configuration, FreezesOptions.Section);
        AddSection<FlagsOptions, FlagsOptionsValidator>(services, configuration, FlagsOptions.Section);

        services.AddSingleton(sp => sp.GetRequiredService<IOptions<AccessOptions>>().Value.ToPolicy());
        services.AddSingleton(sp => ToSettings(
            sp.GetRequiredService<IOptions<ApprovalsOptions>>().Value,
            sp.GetRequiredService<IOptions<SchedulesOptions>>().Value,
            sp.GetRequiredService<IOptions<FreezesOptions>>().Value));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<FlagsOptions>>().Value.ToSettings());

        services.AddOptions<SlackGroupOptions>().Bind(configuration.GetSection(SlackGroupOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SlackGroupOptions>, SlackGroupOptionsValidator>();
        if ((configuration.GetSection(SlackOptions.Section).Get<SlackOptions>() ?? new SlackOptions()).Enabled)
        {
            // The Slack client (registered with Slack) reads user groups too.
            services.AddTransient(sp => sp.GetRequiredService<ISlackApi>() as ISlackUserGroups
                ?? throw new InvalidOperationException("The Slack client in use cannot read user groups."));
            services.AddSingleton<IGroupMembership, SlackGroupMembership>();
        }

        return services;
    }

    private static void AddSection<TOptions, TValidator>(IServiceCollection services, IConfiguration configuration, string section)
        where TOptions : ConsentSection
        where TValidator : class, IValidateOptions<TOptions>
    {
        services.AddOptions<TOptions>().Configure(options => options.BindFrom(configuration, section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TOptions>, TValidator>();
    }

    private static ConsentSettings ToSettings(ApprovalsOptions approvals, SchedulesOptions schedules, FreezesOptions freezes) => new()
    {
        Default = approvals.Default,
        Environments = approvals.EnvironmentRules(),
        NoticeBefore = schedules.NoticeBefore,
        TimeZone = schedules.TimeZone.Trim(),
        Calendar = [.. freezes.Calendar.Select(freeze => freeze.ToFreeze().Freeze)],
    };
}
