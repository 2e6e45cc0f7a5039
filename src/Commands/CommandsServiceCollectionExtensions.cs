using ChatOpsRelease.Commands.Handlers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatOpsRelease.Commands;

public static class CommandsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the command handlers, the step runner, the rule expiry and the set of metric sources. The host registers
    /// the ports (every <see cref="Ports.IMetricSource"/> and one <see cref="Ports.IChartRenderer"/> among them, an
    /// <see cref="Ports.IFreezeStore"/>, any <see cref="Ports.IGroupMembership"/>), an <see cref="Releases.AppCatalog"/>,
    /// <see cref="Releases.ReleaseSettings"/>, an <see cref="Access.AccessPolicy"/>, <see cref="Consent.ConsentSettings"/> and a <see cref="TimeProvider"/>.
    /// </summary>
    public static IServiceCollection AddReleaseCommands(this IServiceCollection services)
    {
        services.AddSingleton<Releases.RouterSet>();
        services.AddSingleton<ReleaseResolver>();
        services.AddSingleton<DeployHandler>();
        services.AddSingleton<PromoteHandler>();
        services.AddSingleton<SwitchHandler>();
        services.AddSingleton<RouteHandler>();
        services.AddSingleton<Analysis.MetricSourceSet>();
        services.AddSingleton<CanaryComparison>();
        services.TryAddSingleton<Ports.IAnalysisMetrics, Ports.NoAnalysisMetrics>();
        services.TryAddSingleton<Ports.IGateMetrics, Ports.NoGateMetrics>();
        services.AddSingleton<CompareHandler>();
        services.AddSingleton<PauseResumeHandler>();
        services.AddSingleton<RollbackHandler>();
        services.AddSingleton<StatusHandler>();
        services.AddSingleton<HistoryHandler>();
        services.AddSingleton<PlanHandler>();
        services.AddSingleton<CommandHandler>();
        services.AddSingleton<ReplyPoster>();
        services.AddSingleton<ReleaseCards>();
        services.AddSingleton<WatchActions>();
        services.AddSingleton<ReleaseWatch>();
        services.AddSingleton<ReleaseStepRunner>();
        services.AddSingleton<RuleExpiry>();
        services.AddSingleton<OldColourRetirement>();
        services.AddSingleton<RestartRecovery>();
        services.AddSingleton<Access.AccessGate>();
        services.AddSingleton<Access.CommandAccess>();
        services.AddSingleton<Access.CommandGates>();
        services.AddSingleton<Consent.ConsentLookup>();
        services.AddSingleton<Consent.DecisionCards>();
        services.AddSingleton<Consent.FreezeGate>();
        services.AddSingleton<Consent.ApprovalDesk>();
        services.AddSingleton<Consent.ApprovalHandler>();
        services.AddSingleton<Consent.ApprovalExpiry>();
        services.AddSingleton<Consent.ScheduleHandler>();
        services.AddSingleton<Consent.FreezeHandler>();
        services.AddSingleton<Consent.ConsentCommands>();
        services.AddSingleton<Consent.PromotionTimers>();
        services.TryAddSingleton(new Flags.FlagSettings());
        services.AddSingleton<Flags.FlagClusters>();
        services.AddSingleton<Flags.FlagApprovals>();
        services.AddSingleton<Flags.FlagHandler>();
        services.AddSingleton<Flags.FlagViews>();
        services.AddSingleton<Flags.FlagChangeRunner>();
        services.AddSingleton<Flags.FlagTimers>();
        return services;
    }
}
