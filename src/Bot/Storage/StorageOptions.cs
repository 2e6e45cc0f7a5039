using Microsoft.Extensions.Options;

namespace ChatOpsRelease.Bot.Storage;

/// <summary>Where releases, audit entries and jobs are kept. Section <c>Storage</c>.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary><c>litedb</c>: embedded files under <see cref="DataDirectory"/>.</summary>
    public string Provider { get; set; } = "litedb";

    /// <summary>The folder for the embedded databases (created when missing); relative to the working directory.</summary>
    public string DataDirectory { get; set; } = "data";

    public string FullDataDirectory => Path.GetFullPath(DataDirectory);

    internal static readonly string[] Providers = ["litedb"];
}

internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        if (!StorageOptions.Providers.Contains(options.Provider, StringComparer.OrdinalIgnoreCase))
        {
            return ValidateOptionsResult.Fail($"Storage:Provider is '{options.Provider}'; known providers: {string.Join(", ", StorageOptions.Providers)}.");
        }

        return string.IsNullOrWhiteSpace(options.DataDirectory)
            ? ValidateOptionsResult.Fail("Storage:DataDirectory must name a folder.")
            : ValidateOptionsResult.Success;
    }
}
