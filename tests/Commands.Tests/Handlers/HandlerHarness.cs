using ChatOpsRelease.Commands.Access;
using ChatOpsRelease.Commands.Analysis;
using ChatOpsRelease.Commands.Consent;
using ChatOpsRelease.Commands.Flags;
using ChatOpsRelease.Commands.Handlers;
using ChatOpsRelease.Commands.Plans;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;
using ChatOpsRelease.Commands.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ChatOpsRelease.Commands.Tests.Handlers;

/// <summary>
/// The core wired to in-memory ports: two apps (checkout on 4 healthy pods of v2.3.0, cart on 2 of v1.0.0),
/// a fake clock, and helpers to say something in chat and to run the queued jobs.
/// </summary>
internal sealed class HandlerHarness
{
    public const string CheckoutImage = "registry:5000/shop/checkout:v2.3.0";
    public const string CartImage = "registry:5000/shop/cart:v1.0.0";

    public static readonly ConversationRef Releases = new("slack", "C-releases", "T-1");
    public static readonly ConversationRef Elsewhere = new("slack", "C-other");
    public static readonly Actor Alice = new("slack", "U1", "alice");
    public static readonly Actor Bob = new("slack", "U2", "bob");

    public HandlerHarness(
        int historyLimit = 20,
        IEnumerable<AppSpec>? apps = null,
        IEnumerable<ReleasePlan>? plans = null,
        AccessPolicy? policy = null,
        ConsentSettings? consent = null,
        FlagSettings? flags = null)
    {
        Workloads.SetStable("checkout", CheckoutImage, 4);
        Workloads.SetStable("cart", CartImage, 2);
        Router = new FakeTrafficRouter(Workloads);
        Apps = new AppCatalog(apps ??
        [
            new AppSpec("checkout", "shop", "checkout", "checkout", null, "replicas", "prod"),
            new AppSpec("cart", "shop", "cart", "cart", null, "replicas", "prod"),
        ]);
        Settings = new ReleaseSettings([5, 25, 50, 75], historyLimit);
        Clusters.Add("test-cluster", Workloads, Router);
        Plans = new PlanCatalog([.. DefaultPlans.Create(Settings.WeightLadder), .. plans ?? []]);

        var cards = new ReleaseCards([Chat], Store, Settings, NullLogger<ReleaseCards>.Instance);
        var resolver = new ReleaseResolver(Apps, Store);
        var replies = new ReplyPoster([Chat], NullLogger<ReplyPoster>.Instance);
        Consent = consent ?? new ConsentSettings();
        Access = new AccessGate(policy ?? AccessPolicy.Open, [Groups], NullLogger<AccessGate>.Instance);
        var lookup = new ConsentLookup(Store, Apps);
        var decisionCards = new DecisionCards([Chat], NullLogger<DecisionCards>.Instance);
        Freezes = new FreezeGate(FreezeStore, Consent, Time);
        Approvals = new ApprovalDesk(Store, Access, Consent, Jobs, decisionCards, Time, NullLogger<ApprovalDesk>.Instance);
        var comparison = new CanaryComparison(new MetricSourceSet([Metrics]), Charts, Store, Time, NullLogger<CanaryComparison>.Instance, new NoAnalysisMetrics(), Gates);
        Watch = new ReleaseWatch(Store, Apps, comparison, Jobs,
            new WatchActions(Store, Jobs, replies, cards, Audit, Approvals, Freezes, Time, NullLogger<WatchActions>.Instance), Time, NullLogger<ReleaseWatch>.Instance);
        var flagMaps = new FlagClusters(Clusters);
        Status = new StatusHandler(Apps, Store, Clusters, Freezes, flagMaps, Time);
        History = new HistoryHandler(Apps, Audit, Settings);
        FlagSettings = flags ?? new FlagSettings();
        FlagApprovals = new FlagApprovals(FlagChanges, Apps, Access, Consent, Jobs, decisionCards, replies, Audit, Time, NullLogger<FlagApprovals>.Instance);
        var flagHandler = new FlagHandler(Apps, flagMaps, FlagChanges, Jobs, FlagSettings, Consent, Approvals, FlagApprovals, Time, NullLogger<FlagHandler>.Instance);
        Handler = new CommandHandler(
            new DeployHandler(Apps, Store, Clusters, Plans, Time),
            new PromoteHandler(resolver, Store, Clusters, Settings, Approvals, Time),
            new SwitchHandler(resolver, Store, Clusters, Approvals, Time),
            new RouteHandler(resolver, Store, Clusters, Time),
            new CompareHandler(resolver, comparison),
            new PauseResumeHandler(resolver, Store, Watch, Time),
            new RollbackHandler(resolver, Store, Clusters, Time),
            Status,
            History,
            new PlanHandler(Apps, Plans, Store, Time),
            flagHandler,
            new FlagViews(Apps, flagMaps, FlagChanges, Time),
            new CommandGates(new CommandAccess(Access, Apps, resolver, lookup, FlagChanges), Freezes),
            new ConsentCommands(
                new ApprovalHandler(resolver, lookup, Apps, Store, Approvals, Time),
                FlagApprovals,
                new ScheduleHandler(resolver, lookup, Store, Approvals, Freezes, Consent, Jobs, decisionCards, Time, NullLogger<ScheduleHandler>.Instance),
                new FreezeHandler(FreezeStore, Freezes, Apps, Consent, Time)),
            replies,
            Store,
            Jobs,
            cards,
            Audit,
            Time,
            NullLogger<CommandHandler>.Instance);
        Runner = new ReleaseStepRunner(Store, Clusters, Apps, Audit, replies, cards, Watch, Jobs, Time, NullLogger<ReleaseStepRunner>.Instance);
        Retirement = new OldColourRetirement(Store, Jobs, Freezes, replies, Audit, Time, NullLogger<OldColourRetirement>.Instance);
        Recovery = new RestartRecovery(Store, Jobs, Watch, replies, Settings, Time, NullLogger<RestartRecovery>.Instance);
        ApprovalExpiry = new ApprovalExpiry(Store, Apps, Approvals, replies, Audit, Time, NullLogger<ApprovalExpiry>.Instance);
        Timers = new PromotionTimers(Store, Handler, decisionCards, replies, Consent, Time, NullLogger<PromotionTimers>.Instance);
        Expiry = new RuleExpiry(Store, Audit, replies, cards, Jobs, Time, NullLogger<RuleExpiry>.Instance);
        FlagRunner = new FlagChangeRunner(FlagChanges, Apps, flagMaps, Consent, Jobs, decisionCards, replies, Audit, Time, NullLogger<FlagChangeRunner>.Instance);
        FlagTimers = new FlagTimers(FlagChanges, Apps, flagMaps, FlagApprovals, Jobs, replies, Audit, Time, NullLogger<FlagTimers>.Instance);
    }

    public OldColourRetirement Retirement { get; }

    public FakeFlagChangeStore FlagChanges { get; } = new();

    public FlagSettings FlagSettings { get; }

    public FlagApprovals FlagApprovals { get; }

    public FlagChangeRunner FlagRunner { get; }

    public FlagTimers FlagTimers { get; }

    /// <summary>The flag ConfigMaps of the main cluster.</summary>
    public FakeFlagMaps FlagMaps => Clusters.FlagMaps("test-cluster");

    /// <summary>Runs every queued flag change job not run yet, in order (as the job queue would).</summary>
    public async Task RunFlagJobsAsync()
    {
        while (_flagJobsRun < Jobs.FlagChanges.Count)
        {
            await FlagRunner.RunAsync(Jobs.FlagChanges[_flagJobsRun++], CancellationToken.None);
        }
    }

    private int _flagJobsRun;

    public FakeFreezeStore FreezeStore { get; } = new();

    /// <summary>The readings of gate metrics other than errors.</summary>
    public FakeGateMetrics Gates { get; } = new();

    public FakeGroupMembership Groups { get; } = new();

    public ConsentSettings Consent { get; }

    public AccessGate Access { get; }

    public FreezeGate Freezes { get; }

    public ApprovalDesk Approvals { get; }

    public ApprovalExpiry ApprovalExpiry { get; }

    public PromotionTimers Timers { get; }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.Zero));

    public FakeReleaseStore Store { get; } = new();

    public FakeAuditLog Audit { get; } = new();

    public FakeWorkloads Workloads { get; } = new();

    public FakeTrafficRouter Router { get; }

    public FakeReleaseJobs Jobs { get; } = new();

    public FakeChatReplies Chat { get; } = new("slack");

    /// <summary>The metric source every app uses by default ("sandbox").</summary>
    public FakeMetricSource Metrics { get; } = new();

    public FakeChartRenderer Charts { get; } = new();

    public AppCatalog Apps { get; }

    public ReleaseSettings Settings { get; }

    public CommandHandler Handler { get; }

    public StatusHandler Status { get; }

    public HistoryHandler History { get; }

    public ReleaseStepRunner Runner { get; }

    public RuleExpiry Expiry { get; }

    public FakeClusters Clusters { get; } = new();

    public PlanCatalog Plans { get; }

    public ReleaseWatch Watch { get; }

    public RestartRecovery Recovery { get; }

    /// <summary>Says <paramref name="text"/> in chat (by alice in the releases thread unless told otherwise); a minute passes first.</summary>
    public async Task<Reply> SayAsync(string text, ConversationRef? where = null, Actor? who = null) =>
        (await RequestAsync(new ChatRequest(text, who ?? Alice, where ?? Releases))).Reply;

    /// <summary>Hands a request (e.g. a button click) to the command handler; a minute passes first.</summary>
    public Task<CommandResult> RequestAsync(ChatRequest request)
    {
        Time.Advance(TimeSpan.FromMinutes(1));
        return Handler.HandleAsync(request, CancellationToken.None);
    }

    /// <summary>Says something that must be accepted, and returns the reply.</summary>
    public async Task<Reply> AcceptedAsync(string text, ConversationRef? where = null)
    {
        var reply = await SayAsync(text, where);
        Assert.True(reply.Kind == ReplyKind.Accepted, $"`{text}` was not accepted: {reply.Text}");
        return reply;
    }

    /// <summary>Deploys checkout v2.4.0 and, unless told not to, runs the deploy step.</summary>
    public async Task<Release> DeployCheckoutAsync(bool run = true, ConversationRef? where = null)
    {
        await AcceptedAsync("deploy checkout v2.4.0", where);
        var release = Store.All.Last(r => r.App == "checkout");
        if (run)
        {
            await RunAsync(release.Id);
        }

        return Store.Get(release.Id);
    }

    /// <summary>Runs the open steps of a release, as its job would; a runner that never finishes fails the test.</summary>
    public async Task RunAsync(string releaseId)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await Runner.RunOpenStepsAsync(releaseId, deadline.Token);
    }

    public Release Checkout => Store.All.Last(r => r.App == "checkout");
}
