using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsRelease.Bot.Tests.Web.Dashboard;

/// <summary>
/// Tests only: a request carrying <see cref="Header"/> is made to look as if it came from another machine, by setting
/// the connection's remote address before anything else sees it. The bot itself trusts no such header.
/// </summary>
internal sealed class RemoteRequests : IStartupFilter
{
    public const string Header = "X-Test-Remote";

    public static readonly IPAddress Address = IPAddress.Parse("203.0.113.7");

    public static void AddTo(WebApplicationBuilder builder) => builder.Services.AddSingleton<IStartupFilter, RemoteRequests>();

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, proceed) =>
        {
            if (context.Request.Headers.ContainsKey(Header))
            {
                context.Connection.RemoteIpAddress = Address;
            }

            return proceed(context);
        });
        next(app);
    };
}
