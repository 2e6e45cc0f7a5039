using ChatOpsRelease.Bot.Releases;

namespace ChatOpsRelease.Bot.Consent;

/// <summary>
/// A consent section as read from configuration: a value that cannot be read becomes a problem reported at start (not
/// a crash that hides the others), and the apps of the <c>Apps</c> section are kept for the checks of names.
/// </summary>
public abstract class ConsentSection
{
    /// <summary>Values that could not be read into their setting.</summary>
    internal List<string> BindProblems { get; } = [];

    /// <summary>The apps of the <c>Apps</c> section, by name.</summary>
    internal List<string> ConfiguredApps { get; private set; } = [];

    internal void BindFrom(IConfiguration configuration, string section)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        try
        {
            configuration.GetSection(section).Bind(this);
        }
        catch (InvalidOperationException ex)
        {
            BindProblems.Add(ex.Message);
        }

        ConfiguredApps = [.. configuration.GetSection(AppsOptions.Section).GetChildren().Select(app => app.Key)];
    }

    /// <summary>A sentence for each app <paramref name="at"/> names that is not configured (<c>*</c> means every app).</summary>
    internal IEnumerable<string> UnknownApps(string at, IEnumerable<string> apps) =>
        apps.Where(app => app != "*" && !ConfiguredApps.Contains(app, StringComparer.OrdinalIgnoreCase))
            .Select(app => $"{at} names the app '{app}', which is not configured; apps: {string.Join(", ", ConfiguredApps)} (or * for every app).");

    /// <summary>The non-blank entries of a list, trimmed.</summary>
    internal static List<string> Clean(IEnumerable<string?>? values) =>
        [.. (values ?? []).Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim())];
}
