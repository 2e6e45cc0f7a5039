using System.Text;

namespace ChatOpsRelease.Sandbox;

/// <summary>
/// Writes a kubeconfig with one context per simulated cluster: the cluster, context and user of each are named like
/// the context, and the first is the current context.
/// </summary>
internal static class Kubeconfig
{
    public static string Write(string path, IReadOnlyList<(string Name, Uri Server)> contexts)
    {
        if (contexts.Count == 0)
        {
            throw new ArgumentException("A kubeconfig needs at least one context.", nameof(contexts));
        }

        var fullPath = Path.GetFullPath(path);
        if (Path.GetDirectoryName(fullPath) is { Length: > 0 } directory)
        {
            Directory.CreateDirectory(directory);
        }

        var text = new StringBuilder().Append("apiVersion: v1\nkind: Config\nclusters:\n");
        foreach (var (name, server) in contexts)
        {
            text.Append($"- name: {Quoted(name)}\n  cluster:\n    server: {server.GetLeftPart(UriPartial.Authority)}\n");
        }

        text.Append("contexts:\n");
        foreach (var (name, _) in contexts)
        {
            text.Append($"- name: {Quoted(name)}\n  context:\n    cluster: {Quoted(name)}\n    user: {Quoted(name)}\n    namespace: default\n");
        }

        text.Append($"current-context: {Quoted(contexts[0].Name)}\nusers:\n");
        foreach (var (name, _) in contexts)
        {
            text.Append($"- name: {Quoted(name)}\n  user:\n    token: sandbox\n");
        }

        text.Append("preferences: {}\n");
        File.WriteAllText(fullPath, text.ToString());
        return fullPath;
    }

    /// <summary>A YAML single-quoted scalar, so any name (spaces, colons) stays one string.</summary>
    private static string Quoted(string name) => "'" + name.Replace("'", "''", StringComparison.Ordinal) + "'";
}
