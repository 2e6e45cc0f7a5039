namespace ChatOpsRelease.FlagDemoApp;

/// <summary>Adds one ConfigMap key, a JSON document, to the app's configuration.</summary>
internal sealed class ConfigMapConfigurationSource(ConfigMapConfigurationProvider provider) : IConfigurationSource
{
    public IConfigurationProvider Build(IConfigurationBuilder builder) => provider;
}
