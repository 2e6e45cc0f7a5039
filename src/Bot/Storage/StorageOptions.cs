using ChatOpsRelease.Bot.Storage.Postgres;
using Microsoft.Extensions.Options;

namespace ChatOpsRelease.Bot.Storage;

/// <summary>Where releases, audit entries and jobs are kept. Section <c>Storage</c>.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>
    /// <c>litedb</c>: embedded files under <see cref="DataDirectory"/>, one bot process. <c>postgres</c>: a PostgreSQL
    /// database (<see cref="Postgres"/>) that several bot processes share.
    /// </summary>
    public string Provider { get; set; } = "litedb";

    /// <summary>The folder for the embedded databases (created when missing); relative to the working directory.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Section <c>Storage:Postgres</c>, used when <see cref="Provider"/> is <c>postgres</c>.</summary>
    public PostgresOptions Postgres { get; set; } = new();

    public string FullDataDirectory => Path.GetFullPath(DataDirectory);

    public bool IsPostgres => string.Equals(Provider, "postgres", StringComparison.OrdinalIgnoreCase);

    internal static readonly string[] Providers = ["litedb", "postgres"];
}

internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var errors = new List<string>();
        if (!StorageOptions.Providers.Contains(options.Provider, StringComparer.OrdinalIgnoreCase))
        {
            errors.Add($"Storage:Provider is '{options.Provider}'; known providers: {string.Join(", ", StorageOptions.Providers)}.");
        }

        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            errors.Add("Storage:DataDirectory must name a folder.");
        }

        if (options.IsPostgres)
        {
            errors.AddRange(options.Postgres.Problems());
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
