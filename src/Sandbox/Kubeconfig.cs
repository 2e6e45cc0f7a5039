namespace ChatOpsRelease.Sandbox;

/// <summary>Writes a kubeconfig whose cluster, context and user are all named "sandbox".</summary>
internal static class Kubeconfig
{
    public static string Write(string path, Uri server)
    {
        var fullPath = Path.GetFullPath(path);
        if (Path.GetDirectoryName(fullPath) is { Length: > 0 } directory)
        {
            Directory.CreateDirectory(directory);
        }

        var text = $$"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: sandbox
              cluster:
                server: {{server.GetLeftPart(UriPartial.Authority)}}
            contexts:
            - name: sandbox
              context:
                cluster: sandbox
                user: sandbox
                namespace: default
            current-context: sandbox
            users:
            - name: sandbox
              user:
                token: sandbox
            preferences: {}

            """;
        File.WriteAllText(fullPath, text);
        return fullPath;
    }
}
