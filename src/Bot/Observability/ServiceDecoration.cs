namespace ChatOpsRelease.Bot.Observability;

internal static class ServiceDecoration
{
    /// <summary>Wraps the last registration of <typeparamref name="TService"/> in <paramref name="decorate"/>, keeping its lifetime.</summary>
    public static IServiceCollection Decorate<TService>(this IServiceCollection services, Func<TService, IServiceProvider, TService> decorate)
        where TService : class
    {
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(TService) && !d.IsKeyedService)
            ?? throw new InvalidOperationException($"There is no {typeof(TService).Name} to decorate; add it first.");
        services.Remove(registered);
        services.Add(ServiceDescriptor.Describe(typeof(TService), sp => decorate(Inner<TService>(sp, registered), sp), registered.Lifetime));
        return services;
    }

    private static TService Inner<TService>(IServiceProvider sp, ServiceDescriptor registered) => (TService)(
        registered.ImplementationInstance
        ?? registered.ImplementationFactory?.Invoke(sp)
        ?? ActivatorUtilities.CreateInstance(sp, registered.ImplementationType!));
}
