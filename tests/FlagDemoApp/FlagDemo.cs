using Microsoft.FeatureManagement;

namespace ChatOpsRelease.FlagDemoApp;

/// <summary>
/// A small web app that uses Microsoft.FeatureManagement the way an app team would, with its flags taken from the
/// ConfigMap the bot writes. <c>GET /features/{name}?user=alice&amp;groups=beta,staff</c> answers whether the flag is on
/// for that user.
/// </summary>
public static class FlagDemo
{
    /// <summary>Runs the app; settings come from <c>FLAGDEMO_*</c> environment variables or the command line (<c>--Namespace shop</c>).</summary>
    public static async Task Main(string[] args)
    {
        var settings = new ConfigurationBuilder().AddEnvironmentVariables("FLAGDEMO_").AddCommandLine(args).Build().Get<FlagDemoSettings>()
            ?? new FlagDemoSettings();
        await using var app = Build(settings);
        await app.RunAsync();
    }

    /// <summary>The app, not started; <paramref name="configure"/> may change the builder first (a test puts a test server in).</summary>
    public static WebApplication Build(FlagDemoSettings settings, Action<WebApplicationBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var builder = WebApplication.CreateSlimBuilder();
        var flags = new ConfigMapConfigurationProvider(settings);
        ((IConfigurationBuilder)builder.Configuration).Add(new ConfigMapConfigurationSource(flags));
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddFeatureManagement().WithTargeting<QueryTargetingContextAccessor>();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.Lifetime.ApplicationStopped.Register(flags.Dispose);
        app.MapGet("/features/{name}", async (string name, IVariantFeatureManager features, CancellationToken ct) =>
            new FeatureAnswer(name, await features.IsEnabledAsync(name, ct)));
        return app;
    }
}

/// <summary>The answer of <c>GET /features/{name}</c>.</summary>
public sealed record FeatureAnswer(string Feature, bool Enabled);
