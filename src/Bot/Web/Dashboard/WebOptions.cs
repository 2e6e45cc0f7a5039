namespace ChatOpsRelease.Bot.Web.Dashboard;

/// <summary>The release dashboard and who may see it (it and the job dashboard). Section <c>Web</c>.</summary>
public sealed class WebOptions
{
    public const string Section = "Web";

    public WebAuthOptions Auth { get; set; } = new();

    /// <summary>How often the dashboard looks at the store for changes to push to open pages.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(1);
}

/// <summary>How requests from anywhere but this machine prove who they are. Loopback requests need nothing.</summary>
public sealed class WebAuthOptions
{
    public const string ModeNone = "none";
    public const string ModeToken = "token";
    public const string ModeOidc = "oidc";

    /// <summary><c>none</c> (only with a loopback-only <c>Urls</c>), <c>token</c> or <c>oidc</c>.</summary>
    public string Mode { get; set; } = ModeNone;

    /// <summary>For <c>token</c>: the shared secret, sent as <c>Authorization: Bearer …</c> or once as <c>?token=</c>.</summary>
    public string? Token { get; set; }

    /// <summary>The name of the HttpOnly cookie that keeps a browser signed in.</summary>
    public string CookieName { get; set; } = "chatops_dashboard";

    /// <summary>For <c>oidc</c>: the provider's issuer URL (its discovery document lives beneath it).</summary>
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    public bool Is(string mode) => string.Equals(Mode, mode, StringComparison.OrdinalIgnoreCase);
}
