using ChatOpsRelease.Bot;
using Microsoft.Extensions.Options;

try
{
    await using var app = await BotHost.CreateAsync(args);
    await app.RunAsync();
    return 0;
}
catch (Exception ex) when (StartupProblems.Describe(ex) is { } problems)
{
    Console.Error.WriteLine("ChatOpsRelease cannot start:");
    foreach (var problem in problems)
    {
        Console.Error.WriteLine($"  - {problem}");
    }

    return 2;
}

/// <summary>Turns start-up failures people can fix (configuration, a busy port) into sentences.</summary>
internal static class StartupProblems
{
    public static IReadOnlyList<string>? Describe(Exception ex) => ex switch
    {
        OptionsValidationException options => options.Failures.ToList(),
        AggregateException aggregate when aggregate.InnerExceptions.All(e => e is OptionsValidationException) =>
            aggregate.InnerExceptions.Cast<OptionsValidationException>().SelectMany(e => e.Failures).ToList(),
        IOException io when io.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase) =>
            [$"{io.Message} Another bot may be running; set Urls (or ASPNETCORE_URLS) to another loopback port."],
        ChatOpsRelease.Bot.Storage.DataDirectoryBusyException busy => [busy.Message],
        k8s.Exceptions.KubeConfigException kube => [$"The kubeconfig could not be used: {kube.Message}"],
        _ => null,
    };
}
