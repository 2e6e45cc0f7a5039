using System.Diagnostics;
using System.Text;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Support;

/// <summary>The bot as a child process with its standard streams redirected; both output streams are collected.</summary>
internal sealed class BotProcess : IDisposable
{
    /// <summary>How long a killed or stopping bot may take to exit.</summary>
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    private readonly Process _process;

    private readonly StringBuilder _output = new();

    private readonly StringBuilder _errors = new();

    private BotProcess(Process process) => _process = process;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public static BotProcess Start(IReadOnlyDictionary<string, string> environment)
    {
        // The test project references the bot, so its dll, deps, runtimeconfig and appsettings.json sit next to the tests.
        var dll = Path.Combine(AppContext.BaseDirectory, "ChatOpsRelease.Bot.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing.");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(dll);
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start };
        var bot = new BotProcess(process);
        process.OutputDataReceived += (_, e) => bot.Append(bot._output, e.Data);
        process.ErrorDataReceived += (_, e) => bot.Append(bot._errors, e.Data);
        Assert.True(process.Start(), "dotnet did not start.");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return bot;
    }

    public async Task SendAsync(string lines)
    {
        await _process.StandardInput.WriteLineAsync(lines);
        await _process.StandardInput.FlushAsync();
    }

    public void CloseInput() => _process.StandardInput.Close();

    /// <summary>SIGKILL to the process (and anything it started), then waits until it is gone.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        Assert.True(_process.WaitForExit(Limit), "The killed bot did not exit.");
    }

    public async Task<bool> WaitForExitAsync(TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>What the bot wrote to standard error so far.</summary>
    public string Errors
    {
        get
        {
            lock (_errors)
            {
                return _errors.ToString();
            }
        }
    }

    public string Describe()
    {
        var errors = Errors;
        return $"--- standard output ---\n{Output}\n--- standard error ---\n{errors}";
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(Limit);
            }
        }
        catch (InvalidOperationException)
        {
            // Never started, or already gone.
        }

        _process.Dispose();
    }

    private void Append(StringBuilder buffer, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (buffer)
        {
            buffer.AppendLine(line);
        }
    }
}
