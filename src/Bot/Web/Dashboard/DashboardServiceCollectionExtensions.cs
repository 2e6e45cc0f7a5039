using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;

namespace ChatOpsRelease.Bot.Web.Dashboard;

internal static class DashboardServiceCollectionExtensions
{
    /// <summary>The release dashboard, its access rule and, when <c>Web:Auth:Mode</c> is <c>oidc</c>, the sign-in.</summary>
    public static IServiceCollection AddDashboard(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebOptions>().Bind(configuration.GetSection(WebOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WebOptions>, WebOptionsValidator>();
        services.AddSingleton<DashboardAccess>();
        services.AddSingleton<DashboardReader>();
        services.AddSingleton<DashboardChart>();

        if (IsOidc(configuration))
        {
            services.AddAuthentication(o =>
            {
                o.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                o.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
            })
            .AddCookie(CookieAuthenticationDefaults.AuthenticationScheme, o =>
            {
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
            })
            .AddOpenIdConnect();
            services.AddOptions<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme)
                .Configure<IOptions<WebOptions>>((oidc, web) =>
                {
                    var auth = web.Value.Auth;
                    oidc.Authority = auth.Authority;
                    oidc.ClientId = auth.ClientId;
                    oidc.ClientSecret = auth.ClientSecret;
                    oidc.ResponseType = "code";
                    oidc.UsePkce = true;
                    oidc.SaveTokens = false;
                    oidc.RequireHttpsMetadata = auth.Authority?.StartsWith("https:", StringComparison.OrdinalIgnoreCase) == true;
                    oidc.Scope.Clear();
                    oidc.Scope.Add("openid");
                    oidc.Scope.Add("profile");
                });
        }

        return services;
    }

    public static bool IsOidc(IConfiguration configuration) =>
        string.Equals(configuration[$"{WebOptions.Section}:Auth:Mode"], WebAuthOptions.ModeOidc, StringComparison.OrdinalIgnoreCase);
}
