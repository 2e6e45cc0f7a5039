using ChatOpsRelease.Commands.Consent;
using ChatOpsRelease.Commands.Handlers;
using ChatOpsRelease.Commands.Parsing;
using ChatOpsRelease.Commands.Ports;

namespace ChatOpsRelease.Commands.Access;

/// <summary>What the gates decided: a refusal, or go ahead — possibly past a freeze, by an admin's <c>--force</c>.</summary>
public sealed record GateDecision(Outcome? Refusal, FreezeInForce? Overridden, string? App);

/// <summary>
/// The checks every command passes before its handler runs: the person's role for the app, then — for commands that
/// move a release forward — the freezes. An admin's <c>--force</c> passes a freeze; the override is told with the reply,
/// recorded in the audit log and announced in the release's thread.
/// </summary>
public sealed class CommandGates(CommandAccess access, FreezeGate freezes)
{
    public async Task<GateDecision> CheckAsync(Command command, ChatRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(request);
        var decision = await access.CheckAsync(command, request, cancellationToken).ConfigureAwait(false);
        if (decision.Refusal is not null)
        {
            return new GateDecision(decision.Refusal, null, decision.App?.Name);
        }

        if (!FreezeGate.Stops(command) || decision.App is not { } app || command.Flags.DryRun
            || await freezes.FindAsync(app.Name, cancellationToken).ConfigureAwait(false) is not { } freeze)
        {
            return new GateDecision(null, null, decision.App?.Name);
        }

        if (command.Flags.Force && request.Origin == RequestOrigin.Person && decision.Role >= Role.Admin)
        {
            return new GateDecision(null, freeze, app.Name);
        }

        var how = request.Origin == RequestOrigin.Person
            ? decision.Role >= Role.Admin
                ? " As an admin you may override it with `--force`; that is recorded and announced."
                : " An admin may override it with `--force`."
            : string.Empty;
        return new GateDecision(Outcome.Refused($"{freeze.Describe(app.Name)}. Nothing was changed.{how}", app.Name), null, app.Name);
    }
}
