using Microsoft.IdentityModel.Tokens;
using Xunit;
using static ChatOpsRelease.Bot.Tests.Chat.Teams.Auth.TeamsAuthHarness;

namespace ChatOpsRelease.Bot.Tests.Chat.Teams.Auth;

/// <summary>The claims, lifetime and header checks of inbound Bot Framework tokens.</summary>
public sealed class BotFrameworkAuthenticatorTests
{
    [Fact]
    public async Task ValidToken_IsAuthenticatedAsTheApp()
    {
        await using var teams = await StartAsync();

        AssertAccepted(await teams.SendAsync(teams.Token()));
    }

    [Fact]
    public async Task TokenForAnotherApp_IsRefused()
    {
        await using var teams = await StartAsync();
        var token = teams.Token(audience: "another-bot");

        teams.AssertRefused(await teams.SendAsync(token), "the token's audience 'another-bot' is not this bot's app id", token);
    }

    [Fact]
    public async Task TokenFromAnotherIssuer_IsRefused()
    {
        await using var teams = await StartAsync();
        var token = teams.Token(issuer: "https://evil.example/");

        teams.AssertRefused(await teams.SendAsync(token), "the token's issuer 'https://evil.example/' is not accepted", token);
    }

    [Fact]
    public async Task TokenExpiredMoreThanFiveMinutesAgo_IsRefused()
    {
        await using var teams = await StartAsync();
        var token = teams.Token(notBefore: Now.AddHours(-1), expires: Now.AddMinutes(-6));

        teams.AssertRefused(await teams.SendAsync(token), "the token expired at 2026-03-02 09:24:00Z", token);
    }

    [Fact]
    public async Task TokenExpiredWithinTheFiveMinutesSkew_IsAccepted()
    {
        await using var teams = await StartAsync();

        AssertAccepted(await teams.SendAsync(teams.Token(notBefore: Now.AddHours(-1), expires: Now.AddMinutes(-4))));
    }

    [Fact]
    public async Task TokenValidOnlyMoreThanFiveMinutesFromNow_IsRefused()
    {
        await using var teams = await StartAsync();
        var token = teams.Token(notBefore: Now.AddMinutes(6), expires: Now.AddHours(1));

        teams.AssertRefused(await teams.SendAsync(token), "the token is not valid before 2026-03-02 09:36:00Z", token);
    }

    [Fact]
    public async Task TokenValidWithinTheFiveMinutesSkew_IsAccepted()
    {
        await using var teams = await StartAsync();

        AssertAccepted(await teams.SendAsync(teams.Token(notBefore: Now.AddMinutes(4), expires: Now.AddHours(1))));
    }

    [Fact]
    public async Task Lifetime_IsJudgedByTheInjectedClock()
    {
        await using var teams = await StartAsync();
        var token = teams.Token();

        teams.Time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(6));

        teams.AssertRefused(await teams.SendAsync(token), "the token expired", token);
    }

    [Fact]
    public async Task ServiceUrlClaimForAnotherService_IsRefused()
    {
        await using var teams = await StartAsync();
        var token = teams.Token(serviceUrl: "https://smba.trafficmanager.net/emea/");

        teams.AssertRefused(
            await teams.SendAsync(token),
            "the token's serviceurl 'https://smba.trafficmanager.net/emea/' does not match the activity's serviceUrl 'https://smba.trafficmanager.net/amer/'",
            token);
    }

    [Theory]
    [InlineData("https://smba.trafficmanager.net/amer/", "https://SMBA.TrafficManager.net/AMER/")]
    [InlineData("https://smba.trafficmanager.net/amer", "https://smba.trafficmanager.net/amer/")]
    [InlineData("https://smba.trafficmanager.net/amer/", "https://smba.trafficmanager.net/amer")]
    public async Task ServiceUrlDifferingOnlyInCaseOrATrailingSlash_IsAccepted(string claimed, string activity)
    {
        await using var teams = await StartAsync();

        AssertAccepted(await teams.SendAsync(teams.Token(serviceUrl: claimed), serviceUrl: activity));
    }

    [Fact]
    public async Task TokenWithoutServiceUrlClaim_IsRefused()
    {
        await using var teams = await StartAsync();
        var token = teams.Token(serviceUrl: null);

        teams.AssertRefused(await teams.SendAsync(token), "the token has no serviceurl claim", token);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Bearer")]
    [InlineData("Bearer   ")]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("eyJhbGciOiJSUzI1NiJ9.e30.c2ln")]
    public async Task RequestWithoutABearerToken_IsRefused(string? authorization)
    {
        await using var teams = await StartAsync();

        teams.AssertRefused(await teams.SendHeaderAsync(authorization), "no Bearer token");
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("not.a.jwt")]
    [InlineData("a.b.c.d")]
    public async Task GarbageToken_IsRefusedAsNotAJwt(string token)
    {
        await using var teams = await StartAsync();

        teams.AssertRefused(await teams.SendAsync(token), "the token is not a well-formed JWT", token);
    }

    [Fact]
    public async Task TokenWhosePayloadWasChanged_IsRefusedBySignature()
    {
        await using var teams = await StartAsync();
        var genuine = teams.Token().Split('.');
        var forgedPayload = Base64UrlEncoder.Encode(
            Base64UrlEncoder.Decode(genuine[1]).Replace("/amer/", "/emea/", StringComparison.Ordinal));
        var forged = $"{genuine[0]}.{forgedPayload}.{genuine[2]}";

        teams.AssertRefused(await teams.SendAsync(forged, serviceUrl: "https://smba.trafficmanager.net/emea/"), "the token's signature does not verify", forged);
    }

    [Fact]
    public async Task TokenSignedWithAnAlgorithmOtherThanRsaPkcs1_IsRefused()
    {
        await using var teams = await StartAsync();
        var token = teams.Identity.CreateToken(AppId, ServiceUrl, algorithm: SecurityAlgorithms.RsaSsaPssSha256);

        teams.AssertRefused(await teams.SendAsync(token), "the token's algorithm 'PS256' is not RS256, RS384 or RS512", token);
    }

    [Theory]
    [InlineData(SecurityAlgorithms.RsaSha384)]
    [InlineData(SecurityAlgorithms.RsaSha512)]
    public async Task TokenSignedWithRs384OrRs512_IsAccepted(string algorithm)
    {
        await using var teams = await StartAsync();

        AssertAccepted(await teams.SendAsync(teams.Identity.CreateToken(AppId, ServiceUrl, algorithm: algorithm)));
    }

    [Theory]
    [InlineData("https://sts.windows.net/" + TenantId + "/")]
    [InlineData("https://login.microsoftonline.com/" + TenantId + "/v2.0")]
    public async Task TenantIssuer_IsAcceptedWhenTheBotIsSingleTenant(string issuer)
    {
        await using var teams = await StartAsync(options => options.TenantId = TenantId);

        AssertAccepted(await teams.SendAsync(teams.Token(issuer: issuer)));
    }

    [Theory]
    [InlineData("https://sts.windows.net/" + TenantId + "/")]
    [InlineData("https://login.microsoftonline.com/" + TenantId + "/v2.0")]
    public async Task TenantIssuer_IsRefusedWhenNoTenantIsConfigured(string issuer)
    {
        await using var teams = await StartAsync();
        var token = teams.Token(issuer: issuer);

        teams.AssertRefused(await teams.SendAsync(token), "is not accepted", token);
    }

    [Fact]
    public async Task AnotherTenantsIssuer_IsRefusedForASingleTenantBot()
    {
        await using var teams = await StartAsync(options => options.TenantId = TenantId);
        var token = teams.Token(issuer: "https://sts.windows.net/0d2f4b8c-0000-4000-8000-000000000001/");

        teams.AssertRefused(await teams.SendAsync(token), "is not accepted", token);
    }

    [Fact]
    public async Task AllowUnauthenticated_RequestWithoutHeader_PassesWithoutAnAppId()
    {
        await using var teams = await StartAsync(options => options.AllowUnauthenticated = true);

        var result = await teams.SendHeaderAsync(null);

        Assert.True(result.Authenticated);
        Assert.Null(result.Problem);
        Assert.Null(result.AppId);
        Assert.Equal(0, teams.Identity.MetadataRequests);
    }

    [Fact]
    public async Task AllowUnauthenticated_BadToken_IsStillRefused()
    {
        await using var teams = await StartAsync(options => options.AllowUnauthenticated = true);
        var token = teams.Token(audience: "another-bot");

        teams.AssertRefused(await teams.SendAsync(token), "is not this bot's app id", token);
    }

    [Fact]
    public async Task AllowUnauthenticated_GoodToken_IsAuthenticatedAsTheApp()
    {
        await using var teams = await StartAsync(options => options.AllowUnauthenticated = true);

        AssertAccepted(await teams.SendAsync(teams.Token()));
    }

    [Fact]
    public async Task AllowUnauthenticatedWithoutAppId_TokenIsRefusedAsUncheckable()
    {
        await using var teams = await StartAsync(options =>
        {
            options.AllowUnauthenticated = true;
            options.AppId = null;
        });
        var token = teams.Token();

        teams.AssertRefused(await teams.SendAsync(token), "Chat:Teams:AppId is not set", token);
    }
}
