using System.Globalization;
using System.Text.Json.Nodes;
using ChatOpsRelease.Commands.Releases;
using ChatOpsRelease.Sandbox;

namespace ChatOpsRelease.Bot.Tests.Support;

/// <summary>
/// Whether the sandbox's objects agree with what a release records, read straight from the sandbox's store (never
/// through the bot's code): no step left open; the Deployments' images and replicas as the last applied step wants
/// them; the router's objects sending the recorded effective weight; and, once no canary should run, no canary object
/// left behind. Each disagreement is one sentence.
/// </summary>
internal static class ReleaseConsistency
{
    public static IReadOnlyList<string> Problems(SandboxCluster sandbox, Release release, string router)
    {
        ArgumentNullException.ThrowIfNull(sandbox);
        ArgumentNullException.ThrowIfNull(release);
        var check = new Check(sandbox, release, router);
        foreach (var open in release.Steps.Where(s => s.IsOpen))
        {
            check.Problem($"step {open.Id} ({open.Describe()}) is still {open.Status}");
        }

        var last = release.Steps.LastOrDefault(s => s.Status == StepStatus.Applied);
        switch (last?.Kind)
        {
            case null or StepKind.Rollback:
                check.NoCanary(release.FromImage);
                break;
            case StepKind.Full:
                check.NoCanary(release.ToImage);
                break;
            default:
                check.Canary(last.Weight ?? 0, last.Rules.Count > 0);
                break;
        }

        if (release.State == ReleaseState.Completed && last?.Kind != StepKind.Full || release.State == ReleaseState.RolledBack && last?.Kind != StepKind.Rollback)
        {
            check.Problem($"the release is {release.State} but its last applied step is {last?.Kind.ToString() ?? "none"}");
        }

        return check.Found;
    }

    private sealed class Check(SandboxCluster sandbox, Release release, string router)
    {
        private readonly string _ns = release.Namespace;
        private readonly string _app = release.App;

        public List<string> Found { get; } = [];

        public void Problem(string text) => Found.Add($"{_app} ({release.State}, effective {release.EffectiveWeight}%): {text}");

        public void NoCanary(string stableImage)
        {
            Deployment(_app, stableImage, release.StableReplicas);
            foreach (var (kind, name) in new[] { ("Deployment", $"{_app}-canary"), ("Service", $"{_app}-canary"), ("Ingress", $"{_app}-canary") })
            {
                if (sandbox.GetObject(kind, _ns, name) is not null)
                {
                    Problem($"the {kind} {name} is left behind");
                }
            }

            var service = sandbox.GetObject("Service", _ns, _app);
            if (service?["spec"]?["selector"]?["track"] is not null)
            {
                Problem($"the Service {_app} is still pinned to a track");
            }

            if (router == "gateway" && CanaryRefWeight() is { } weight)
            {
                Problem($"the HTTPRoute {_app} still sends to the canary (weight {weight})");
            }
        }

        public void Canary(int weight, bool rules)
        {
            if (router == "replicas")
            {
                var split = ReplicaSplit.For(weight, release.StableReplicas).Split!;
                Deployment(_app, release.FromImage, split.Stable);
                Deployment($"{_app}-canary", release.ToImage, split.Canary);
                Expect("the share of canary pods", split.Effective, release.EffectiveWeight);
                return;
            }

            var pods = weight == 0 && !rules ? 0 : Math.Max(1, (int)Math.Ceiling(release.StableReplicas * weight / 100.0));
            Deployment(_app, release.FromImage, release.StableReplicas);
            Deployment($"{_app}-canary", release.ToImage, pods);
            if (sandbox.GetObject("Service", _ns, $"{_app}-canary") is null)
            {
                Problem($"the canary Service {_app}-canary is missing");
            }

            if ((string?)sandbox.GetObject("Service", _ns, _app)?["spec"]?["selector"]?["track"] != "stable")
            {
                Problem($"the Service {_app} is not pinned to the stable pods");
            }

            var routed = router == "nginx"
                ? int.TryParse((string?)sandbox.GetObject("Ingress", _ns, $"{_app}-canary")?["metadata"]?["annotations"]?["nginx.ingress.kubernetes.io/canary-weight"],
                    NumberStyles.None, CultureInfo.InvariantCulture, out var annotated) ? annotated : (int?)null
                : CanaryRefWeight() ?? 0;
            Expect($"the {router} router's canary weight", routed, release.EffectiveWeight);
        }

        private void Deployment(string name, string image, int replicas)
        {
            var deployment = sandbox.GetObject("Deployment", _ns, name);
            if (deployment is null)
            {
                Problem($"the Deployment {name} is missing");
                return;
            }

            Expect($"the image of {name}", (string?)deployment["spec"]?["template"]?["spec"]?["containers"]?[0]?["image"], image);
            Expect($"the replicas of {name}", (int?)deployment["spec"]?["replicas"], replicas);
        }

        /// <summary>The weight of the HTTPRoute's backendRef to the canary Service (any rule but the users rule), or null.</summary>
        private int? CanaryRefWeight()
        {
            var rules = sandbox.GetObject("HTTPRoute", _ns, _app)?["spec"]?["rules"] as JsonArray ?? [];
            return rules.OfType<JsonObject>()
                .Where(r => (string?)r["name"] != "chatopsrelease-canary-users")
                .SelectMany(r => (r["backendRefs"] as JsonArray ?? []).OfType<JsonObject>())
                .Where(b => (string?)b["name"] == $"{_app}-canary")
                .Select(b => (int?)b["weight"] ?? 1)
                .FirstOrDefault() is var weight and > 0 ? weight : null;
        }

        private void Expect<T>(string what, T found, T wanted)
        {
            if (!EqualityComparer<T>.Default.Equals(found, wanted))
            {
                Problem($"{what} is {found?.ToString() ?? "missing"}, not {wanted}");
            }
        }
    }
}
