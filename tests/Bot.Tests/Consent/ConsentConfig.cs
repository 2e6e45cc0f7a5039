using ChatOpsRelease.Bot.Consent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatOpsRelease.Bot.Tests.Consent;

/// <summary>The consent sections as <c>AddConsent</c> registers them, on in-memory configuration with the apps checkout and payments.</summary>
internal static class ConsentConfig
{
    public static IConfiguration Configuration(Dictionary<string, string?> values)
    {
        var all = new Dictionary<string, string?>
        {
            ["Apps:checkout:Namespace"] = "shop",
            ["Apps:payments:Namespace"] = "shop",
        };
        foreach (var (key, value) in values)
        {
            all[key] = value;
        }

        return new ConfigurationBuilder().AddInMemoryCollection(all).Build();
    }

    /// <summary>The consent services; <paramref name="more"/> adds others first (e.g. a clock, Slack).</summary>
    public static ServiceProvider Services(Dictionary<string, string?> values, Action<IServiceCollection, IConfiguration>? more = null)
    {
        var configuration = Configuration(values);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(configuration);
        more?.Invoke(services, configuration);
        services.AddConsent(configuration);
        return services.BuildServiceProvider();
    }

    /// <summary>The start-up problems of the section <typeparamref name="TOptions"/> reads; empty when it is valid.</summary>
    public static List<string> Problems<TOptions>(Dictionary<string, string?> values)
        where TOptions : class
    {
        using var services = Services(values);
        try
        {
            _ = services.GetRequiredService<IOptions<TOptions>>().Value;
            return [];
        }
        catch (OptionsValidationException ex)
        {
            return [.. ex.Failures];
        }
    }

    public static T Resolve<T>(Dictionary<string, string?> values)
        where T : notnull
    {
        using var services = Services(values);
        return services.GetRequiredService<T>();
    }
}
