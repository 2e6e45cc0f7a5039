namespace ChatOpsRelease.Commands.Parsing;

/// <summary>One word of the command language, with the usage and explanation that <c>help</c> shows.</summary>
public sealed record Verb(string Name, string Usage, string Summary, string Details, params string[] Aliases);

/// <summary>The command language's verbs, in the order <c>help</c> lists them.</summary>
public static class Verbs
{
    public static readonly IReadOnlyList<Verb> All =
    [
        new("deploy", "deploy <app> <version> [--auto] [--strategy canary|bluegreen] [--dry-run]",
            "start a release: run <version> beside the stable version as a canary at 0%",
            "Creates the canary Deployment `<app>-canary` with the new image and no traffic yet. The release follows the app's "
            + "plan (`plan <app>`): `promote <app> next` moves to its next step; with `--auto` the bot moves on by itself once a "
            + "step has baked and its analysis passed, stopping where the plan asks for approval. "
            + "One release per app at a time. Example: `deploy checkout v2.4.0 --auto`. With `--strategy bluegreen` the new version "
            + "comes up at full size beside the live one as a preview for testers instead; `switch <app>` then moves everyone at once."),
        new("promote", "promote <app|canary> [to] <N%> | next | full [--force] [--dry-run]",
            "send more users to the canary, or make it the stable version",
            "`promote checkout 20%` sends 20% of traffic to the canary (`20`, `20 %`, `20 percent` mean the same). "
            + "`next` moves to the next weight of the ladder; `full` puts the new version on the stable Deployment "
            + "and removes the canary. Lowering the weight needs `--force`. `canary` means the one active release "
            + "this conversation can see."),
        new("route", "route <app|canary> header <Name>=<value> | cookie <name> [for <duration>] | clear [--dry-run]",
            "send chosen requests (testers) to the canary by header or cookie, whatever the weight",
            "`route checkout header X-Canary=testers` sends requests carrying that header with exactly that value to the canary "
            + "(header names ignore case; values are matched exactly, so `* ? | ( ) [ ] { } ^ $ \\ ,` are refused). "
            + "`route checkout cookie canary` sends requests with the cookie `canary=always`. A rule for a header or cookie "
            + "replaces the one before it; `for 2h` (also `30m`, `1d`, `1h30m`, `90 minutes`; 1 minute to 7 days) ends it by itself. "
            + "`clear` removes every rule. The app's router must support it (the replica router cannot; nginx takes one header "
            + "and one cookie rule). A paused release can still be cleared."),
        new("compare", "compare <app|canary> [last <duration>]",
            "compare the canary's errors and latency with stable's: a table, a chart and a verdict",
            "Fetches the requests, errors and p95 latency of both versions from the app's metric source over the last "
            + "15 minutes (the app's `Analysis:DefaultWindow`), or over `last 1h` (also `30m`, `1d`, `1h30m`; 1 minute to 7 days). "
            + "Fail: the canary's error rate is credibly more than the margin (half a point by default) above stable's, or its p95 is too slow. "
            + "Pass: credibly within the margin. Inconclusive: too few requests, no data, or not enough evidence yet. "
            + "Changes nothing; `status` shows the latest verdict. docs/analysis.md has the rule."),
        new("plan", "plan <app>",
            "show the app's progressive plan and where its release stands in it",
            "Lists the steps (edge rule, weights, full) with their bake time, analysis and approval gates, marks the step in "
            + "force and the next one, and how long the current step has baked. Changes nothing."),
        new("switch", "switch <app|canary> [keep old for <duration>] [--dry-run]",
            "blue-green: send all traffic to the new colour at once, keeping the old one up for an instant way back",
            "For a release started with `deploy <app> <version> --strategy bluegreen` (or an app whose `Strategy` is `bluegreen`): "
            + "the new colour already runs at full size and testers reach it through the preview Service (and, on the nginx or "
            + "gateway router, the preview header). `switch` points the app's Service at it. The old colour stays up for 30 minutes "
            + "(the app's `BlueGreen:KeepOld`, or `keep old for 2h`), during which `rollback` switches back in seconds; then it is "
            + "retired and the release is complete. Needs approval first when the app says so; refused during a freeze. "
            + "docs/bluegreen.md has the details."),
        new("pause", "pause <app|canary>",
            "hold the release where it is; promotions are refused until `resume`",
            "Changes nothing in the cluster. A paused release can still be rolled back."),
        new("resume", "resume <app|canary>", "allow promotions again after `pause`", "Changes nothing in the cluster."),
        new("rollback", "rollback <app|canary> [--dry-run]",
            "remove the canary and give all traffic back to the stable version",
            "Deletes `<app>-canary` and restores the stable replica count. Works from any unfinished release, "
            + "including a failed one.", "abort"),
        new("request", "request approval <app|canary> [reason]",
            "ask approvers for the release's next plan step",
            "Posts an approval request in the release's thread naming who may approve, with Approve and Reject buttons (in the "
            + "terminal: `approve <id>` / `reject <id> [reason]`). Until it is approved, the step is not taken — not by `promote`, "
            + "not by a schedule, not by `--auto`. A step the plan marks for approval asks by itself when someone promotes to it. "
            + "Requests expire (2 hours by default); in production the person who asked may not approve (two-person rule)."),
        new("approve", "approve <id> [comment]",
            "approve an approval request",
            "Needs the approver role for the app. Once the step has its approvals (one, or the environment's quorum of different "
            + "people) the request's card says who approved and when, and a promotion that asked for it is carried out."),
        new("reject", "reject <id> [reason]",
            "reject an approval request",
            "Needs the approver role, or being the person who asked (to withdraw). The promotion that asked is not carried out.", "deny"),
        new("schedule", "schedule promote <app|canary> <N%|next|full> at <time> [zone] | in <duration>; schedule list [app]; schedule cancel <id>",
            "promote at a wall-clock time, with a notice before",
            "`schedule promote checkout 50% at 14:00 Asia/Shanghai` (also `at tomorrow 09:00`, `at 2026-12-01 14:30`, `in 2h`; the "
            + "zone defaults to `Schedules:TimeZone`). A notice with Veto and Postpone buttons is posted 10 minutes before. At the time "
            + "the bot checks again — the release is still active and not paused, its latest verdict is not Fail, no freeze, the "
            + "approvals the step needs are there — then promotes, or says why not."),
        new("veto", "veto <id> [reason]", "stop a scheduled promotion", "Same as `schedule cancel`, recorded as a veto with its reason."),
        new("postpone", "postpone <id> <duration>", "move a scheduled promotion later",
            "`postpone s1b2c3 30m` moves it 30 minutes later; a new notice comes before the new time."),
        new("freeze", "freeze [<app|all> [until <time> [zone] | for <duration>] [reason]]",
            "stop changes to an app, or to all apps; `freeze` alone lists freezes",
            "During a freeze, `deploy`, `promote`, `route` (except `clear`), flag changes (except `off`), scheduled promotions and `--auto` "
            + "steps are refused with the reason; `pause` and `rollback` still work. An admin may override with `--force`, which is recorded and announced. "
            + "Calendar freezes (weekends, holidays) come from configuration. `freeze all` needs an admin."),
        new("unfreeze", "unfreeze <app|all>", "lift a freeze declared in chat",
            "Needs an admin. Calendar freezes cannot be lifted from chat; an admin's `--force` passes them."),
        new("flag", "flag <app> <flag> on | off | <N%> [of requests] | users <id,…> | groups <name[:N%],…> [for <duration> | until <time>] [--dry-run]; flag <app> <flag> [history]",
            "turn a feature flag on or off, for a share of users, for chosen users or groups, or for a while",
            "Flags live in the app's ConfigMap (`<app>-flags`) in the schema of Microsoft.FeatureManagement, so the app picks them up "
            + "without a deploy. `30%` turns it on for a stable 30% of users (the same users each time); `users alice,bob` and "
            + "`groups beta,staff:50%` target people (each replaces its list; `users none` empties it; a share stays); `10% of requests` "
            + "draws afresh for every request (not per user); `on` is everyone, "
            + "`off` no one. `for 2h` or `until 18:00` ends it by itself (alone: the flag stays as it is until then). Changes are written by "
            + "a job and told here. During a freeze only `off` is allowed (the kill switch); in environments that ask for it "
            + "(production by default) a change needs approval, by someone else. `flag <app> <flag>` shows it, `… history` its changes. "
            + "docs/flags.md has the details."),
        new("flags", "flags [app]", "list feature flags with their state, who changed them and when",
            "Reads the apps' flag ConfigMaps; shows changes waiting for approval too. Changes nothing."),
        new("status", "status [app]", "show the apps, their versions and any release in progress",
            "Reads the cluster and the release store; changes nothing."),
        new("history", "history <app>", "show what was asked of an app and what happened, newest first",
            "Every command is recorded with who asked, when, where and the outcome — refusals too."),
        new("help", "help [verb]", "show this list, or the details of one verb", "Example: `help promote`."),
    ];

    public static readonly IReadOnlyList<string> Flags = ["--dry-run", "--force", "--auto", "--strategy"];

    /// <summary>The verb a word names (by name or alias, any case), or null.</summary>
    public static Verb? Find(string word) =>
        All.FirstOrDefault(v => string.Equals(v.Name, word, StringComparison.OrdinalIgnoreCase)
            || v.Aliases.Any(a => string.Equals(a, word, StringComparison.OrdinalIgnoreCase)));

    /// <summary>Every word that names a verb, aliases included.</summary>
    public static IEnumerable<string> Words => All.SelectMany(v => v.Aliases.Prepend(v.Name));
}
