using ChatOpsRelease.Bot.Consent;
using ChatOpsRelease.Commands.Access;
using ChatOpsRelease.Commands.Consent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Consent;

public sealed class AddConsentTests
{
    [Fact]
    public void TheShippedAppsettings_AreValid_MakeTheTerminalAdmin_AndPutTheSampleAppsInStaging()
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json")).Build();
        var services = new ServiceCollection().AddLogging().AddConsent(configuration);
        using var provider = services.BuildServiceProvider();

        StartupValidation.ValidateAll(provider);

        var grant = Assert.Single(provider.GetRequiredService<AccessPolicy>().Grants);
        Assert.Equal(["console:*"], grant.Who);
        Assert.Equal(Role.Admin, grant.Role);
        var settings = provider.GetRequiredService<ConsentSettings>();
        Assert.Equal(new ApprovalRules(true, 1, TimeSpan.FromHours(2)), settings.RulesFor("production"));
        Assert.Equal(new ApprovalRules(false, 1, TimeSpan.FromHours(2)), settings.RulesFor("staging"));
        Assert.Equal(["staging"], configuration.GetSection("Apps").GetChildren().Select(app => app["Environment"]).Distinct());
    }

    [Fact]
    public void ThePolicyAndTheSettings_AreOneInstanceEach()
    {
        using var services = ConsentConfig.Services(new() { ["Access:Grants:0:Who:0"] = "*", ["Access:Grants:0:Role"] = "viewer" });

        Assert.Same(services.GetRequiredService<AccessPolicy>(), services.GetRequiredService<AccessPolicy>());
        Assert.Same(services.GetRequiredService<ConsentSettings>(), services.GetRequiredService<ConsentSettings>());
    }

    [Fact]
    public void AtStartUp_TheProblemsOfEverySection_AreReportedTogether()
    {
        using var services = ConsentConfig.Services(new()
        {
            ["Access:Grants:0:Who:0"] = "everyone",
            ["Access:Grants:0:Role"] = "admin",
            ["Approvals:Quorum"] = "0",
            ["Schedules:TimeZone"] = "Mars/Olympus",
            ["Freezes:Calendar:0:Name"] = "weekend",
            ["Freezes:Calendar:0:Cron"] = "0 18 * * FRI",
            ["Freezes:Calendar:0:Duration"] = "62h",
            ["Freezes:Calendar:0:Apps:0"] = "cart",
            ["Chat:Slack:GroupCacheTime"] = "-00:00:01",
        });

        var error = Assert.ThrowsAny<Exception>(() => StartupValidation.ValidateAll(services));
        var problems = StartupProblems.Describe(error);

        Assert.NotNull(problems);
        Assert.Equal(5, problems.Count);
        foreach (var setting in new[] { "Access:Grants:0:Who 'everyone'", "Approvals:Quorum", "Schedules:TimeZone", "Freezes:Calendar:0 'weekend': Apps", "Chat:Slack:GroupCacheTime" })
        {
            Assert.Contains(problems, p => p.StartsWith(setting, StringComparison.Ordinal));
        }
    }
}
