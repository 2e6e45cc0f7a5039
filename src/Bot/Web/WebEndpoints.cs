using ChatOpsRelease.Bot.Chat.Slack;
using ChatOpsRelease.Bot.Chat.Teams;
using ChatOpsRelease.Bot.Jobs;
using ChatOpsRelease.Bot.Kubernetes;
using ChatOpsRelease.Bot.Web.Dashboard;
using Hangfire;
using Hangfire.Dashboard;
using Microsoft.Extensions.Options;

namespace ChatOpsRelease.Bot.Web;

internal static class WebEndpoints
{
    /// <summary><c>/healthz</c>, the release dashboard and the job dashboard (both open on loopback, elsewhere behind Web:Auth).</summary>
    public static WebApplication MapBotEndpoints(this WebApplication app)
    {
        app.MapDashboardEndpoints();
        app.MapSlackEndpoints();
        app.MapTeamsEndpoints();
        app.MapGet("/healthz", (ClusterInfo cluster) => Results.Ok(new { status = "ok", cluster = cluster.Name, simulated = cluster.Simulated }));
        app.MapObservabilityEndpoints();
        var jobs = app.Services.GetRequiredService<IOptions<JobsOptions>>().Value;
        app.MapHangfireDashboard(jobs.DashboardPath, new DashboardOptions
        {
            Authorization = [DashboardEndpoints.HangfireAuthorization(app.Services)],
            DisplayStorageConnectionString = false,
            DashboardTitle = "ChatOpsRelease jobs",
        }, app.Services.GetRequiredService<JobStorage>());
        return app;
    }
}
