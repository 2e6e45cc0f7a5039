namespace ChatOpsRelease.FlagDemoApp;

/// <summary>Where the demo app finds its flags: one key of a ConfigMap, read through the Kubernetes API.</summary>
public sealed class FlagDemoSettings
{
    /// <summary>The kubeconfig file to reach the cluster with; null or empty: the in-cluster service account.</summary>
    public string? KubeconfigPath { get; set; }

    public string Namespace { get; set; } = "default";

    public string ConfigMapName { get; set; } = "flags";

    /// <summary>The ConfigMap key that holds the flags in the Microsoft.FeatureManagement schema.</summary>
    public string Key { get; set; } = "featuremanagement.json";

    /// <summary>How often the ConfigMap is read again; a new resourceVersion reloads the flags.</summary>
    public TimeSpan ReloadInterval { get; set; } = TimeSpan.FromSeconds(10);
}
