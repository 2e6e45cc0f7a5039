using ChatOpsRelease.Commands.Ports;

namespace ChatOpsRelease.Bot.Charts;

internal static class ChartsServiceCollectionExtensions
{
    public static IServiceCollection AddCharts(this IServiceCollection services) =>
        services.AddSingleton<IChartRenderer, ScottPlotChartRenderer>();
}
