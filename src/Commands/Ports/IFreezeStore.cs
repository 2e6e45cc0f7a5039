namespace ChatOpsRelease.Commands.Ports;

/// <summary>A freeze someone declared in chat (<c>freeze checkout until 18:00 incident 4711</c>).</summary>
public sealed class Freeze
{
    public string Id { get; set; } = string.Empty;

    /// <summary>The app it holds, or <see cref="All"/> for every app.</summary>
    public string Scope { get; set; } = All;

    /// <summary>When it ends by itself; null: until someone says <c>unfreeze</c>.</summary>
    public DateTimeOffset? Until { get; set; }

    public string Reason { get; set; } = string.Empty;

    public string By { get; set; } = string.Empty;

    public DateTimeOffset At { get; set; }

    public const string All = "*";
}

/// <summary>Durable freezes declared in chat. Calendar freezes come from configuration, not from here.</summary>
public interface IFreezeStore
{
    Task AddAsync(Freeze freeze, CancellationToken cancellationToken);

    /// <summary>Removes every freeze of <paramref name="scope"/> (an app, or <see cref="Freeze.All"/>); returns how many there were.</summary>
    Task<int> RemoveAsync(string scope, CancellationToken cancellationToken);

    /// <summary>Every stored freeze, ended ones included (callers compare <see cref="Freeze.Until"/> with the clock).</summary>
    Task<IReadOnlyList<Freeze>> AllAsync(CancellationToken cancellationToken);
}
