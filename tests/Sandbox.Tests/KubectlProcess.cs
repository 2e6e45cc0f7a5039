using System.Diagnostics;

namespace ChatOpsRelease.Sandbox.Tests;

/// <summary>Runs the real kubectl (installed at /usr/bin/kubectl) with a kubeconfig and collects what it printed.</summary>
internal static class KubectlProcess
{
    public const string Path = "/usr/bin/kubectl";

    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string kubeconfig, string cacheDirectory, params string[] args)
    {
        var start = new ProcessStartInfo(Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])["--kubeconfig", kubeconfig, "--cache-dir", cacheDirectory, .. args])
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("kubectl did not start");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await output, await error);
    }
}
