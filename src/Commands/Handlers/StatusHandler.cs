using System.Text;
using ChatOpsRelease.Commands.Analysis;
using ChatOpsRelease.Commands.Parsing;
using ChatOpsRelease.Commands.Ports;
using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Commands.Handlers;

/// <summary>
/// <c>status [app]</c>: what each cluster runs and where each release stands (weight, user rules, plan step, waves).
/// Reads only.
/// </summary>
public sealed class StatusHandler(AppCatalog apps, IReleaseStore store, IClusters clusters, Consent.FreezeGate freezes, Flags.FlagClusters flagMaps, TimeProvider time)
{
    public async Task<Outcome> HandleAsync(StatusCommand command, ChatRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.App is null)
        {
            if (apps.All.Count == 0)
            {
                return Outcome.Answered("No apps are configured. Add one under `Apps` in appsettings.json.");
            }

            var text = new StringBuilder($"Cluster {clusters.Default}:");
            foreach (var each in apps.All.OrderBy(a => a.Name, StringComparer.Ordinal))
            {
                text.Append('\n').Append(await DescribeAsync(each, false, cancellationToken).ConfigureAwait(false));
            }

            return Outcome.Answered(text.ToString());
        }

        if (apps.Find(command.App) is not { } app)
        {
            return Outcome.Refused(apps.Unknown(command.App));
        }

        return Outcome.Answered(await DescribeAsync(app, true, cancellationToken).ConfigureAwait(false), app.Name);
    }

    private async Task<string> DescribeAsync(AppSpec app, bool detailed, CancellationToken cancellationToken)
    {
        var text = new StringBuilder($"• {app.Name} ({app.Namespace}, router {app.Router}): ");
        text.Append(await ClusterLineAsync(app, clusters.Default, cancellationToken).ConfigureAwait(false));
        foreach (var other in app.Waves.Where(w => !string.Equals(w, clusters.Default, StringComparison.OrdinalIgnoreCase)))
        {
            text.Append($"\n  in {other}: ").Append(await ClusterLineAsync(app, other, cancellationToken).ConfigureAwait(false));
        }

        if (await freezes.FindAsync(app.Name, cancellationToken).ConfigureAwait(false) is { } freeze)
        {
            text.Append("\n  ").Append(freeze.Describe(app.Name));
        }

        if (detailed)
        {
            text.Append("\n  ").Append(await FlagsLineAsync(app, cancellationToken).ConfigureAwait(false));
        }

        var release = await store.LatestAsync(app.Name, cancellationToken).ConfigureAwait(false);
        if (release is null)
        {
            return text.Append("\n  no release yet").ToString();
        }

        var now = time.GetUtcNow();
        text.Append("\n  ").Append(release.IsActive ? string.Empty : "last ").Append(Texts.Summary(release, now));
        if (release.IsActive && release.Strategy == ReleaseStrategy.Canary && PlanTexts.Where(release, now) is { } planLine)
        {
            text.Append("\n  ").Append(planLine);
        }

        if (release.Waves.Count > 1)
        {
            text.Append("\n  waves: ").Append(PlanTexts.Waves(release));
        }

        if (release.IsActive)
        {
            foreach (var line in Consent.ConsentTexts.Lines(release, now))
            {
                text.Append("\n  ").Append(line);
            }
        }

        if (release.LastVerdict is { } verdict)
        {
            text.Append("\n  ").Append(Comparison(verdict, now));
            foreach (var gate in verdict.Gates)
            {
                text.Append($"\n    {gate.Name}: {gate.Outcome} — stable {gate.Stable}, canary {gate.Canary}: {gate.Reason}");
            }
        }

        if (detailed)
        {
            var number = 0;
            foreach (var step in release.Steps)
            {
                text.Append($"\n    {++number}. {step.Describe()} — {Step(step)}");
            }
        }

        return text.ToString();
    }

    /// <summary>"flags on: new-checkout (on for 30% of users), vip (…)" — the flags that are on now, from the app's ConfigMap.</summary>
    private async Task<string> FlagsLineAsync(AppSpec app, CancellationToken cancellationToken)
    {
        Flags.FlagSet set;
        try
        {
            set = await flagMaps.ReadAsync(app, cancellationToken).ConfigureAwait(false);
        }
        catch (ClusterException ex)
        {
            return $"flags not readable ({ex.Message})";
        }

        var now = time.GetUtcNow();
        var on = set.Flags.Where(f => !f.IsOffAt(now)).Select(f => $"{f.Name} ({Flags.FlagEdits.Describe(f, now)})").ToList();
        return on.Count == 0
            ? $"flags: none on{(set.Flags.Count == 0 ? string.Empty : $" ({Texts.Plural(set.Flags.Count, "flag")} off)")}"
            : $"flags on: {string.Join(", ", on)}";
    }

    private async Task<string> ClusterLineAsync(AppSpec app, string clusterName, CancellationToken cancellationToken)
    {
        WorkloadStatus cluster;
        try
        {
            cluster = await clusters.Tools(clusterName).Workloads.ReadAsync(app, cancellationToken).ConfigureAwait(false);
        }
        catch (ClusterException ex)
        {
            return $"cluster not readable ({ex.Message})";
        }

        if (cluster.Stable is not { } stable)
        {
            return $"Deployment {app.Deployment} not found";
        }

        var line = $"stable {Deployment(stable)}";
        return cluster.Canary is { } canary ? $"{line}; canary {Deployment(canary)}" : line;
    }

    private static string Deployment(DeploymentStatus deployment) =>
        $"{ImageRef.Version(deployment.Image)} {deployment.ReadyReplicas}/{deployment.Replicas} ready"
        + (deployment.RolloutComplete ? string.Empty : ", rolling out");

    /// <summary>"last comparison 10:02Z (last 15 min): Fail — the canary's error rate …".</summary>
    private static string Comparison(VerdictRecord verdict, DateTimeOffset now)
    {
        var prefix = $"{verdict.Outcome}: ";
        var headline = verdict.Headline.StartsWith(prefix, StringComparison.Ordinal) ? verdict.Headline[prefix.Length..] : verdict.Headline;
        return $"last comparison {Texts.Until(verdict.At, now)} ({verdict.Window}): {verdict.Outcome} — {headline}";
    }

    private static string Step(ReleaseStep step) => step.Status switch
    {
        StepStatus.Pending => $"queued (asked by {step.RequestedBy} {Texts.Time(step.RequestedAt)})",
        StepStatus.Running => "running now",
        _ => $"{step.Status.ToString().ToLowerInvariant()} {Texts.Time(step.FinishedAt ?? step.RequestedAt)}: {step.Outcome}",
    };
}
