using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using ChatOpsRelease.Bot.Chat.Teams.Connector;
using ChatOpsRelease.Bot.Tests.Support;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Chat.Teams.Connector;

public sealed class ConnectorTokenProviderTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Token_IsAClientCredentialsRequest_WithAppIdScopeAndPassword_ToTheBotFrameworkTenant()
    {
        await using var harness = await TeamsConnectorHarness.StartAsync();

        var token = await harness.Tokens.GetTokenAsync(None);

        Assert.Equal(Assert.Single(harness.Teams.IssuedTokens), token);
        var request = Assert.Single(harness.Teams.CallsTo(FakeTeamsOperation.Token));
        Assert.Equal("POST", request.HttpMethod);
        Assert.Equal("https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token", request.OriginalUrl);
        Assert.StartsWith("application/x-www-form-urlencoded", request.ContentType, StringComparison.Ordinal);
        Assert.Equal("client_credentials", request.Field("grant_type"));
        Assert.Equal(TeamsConnectorHarness.AppId, request.Field("client_id"));
        Assert.Equal(TeamsConnectorHarness.AppPassword, request.Field("client_secret"));
        Assert.Equal("https://api.botframework.com/.default", request.Field("scope"));
    }

    [Fact]
    public async Task SingleTenantBot_AsksItsOwnTenant()
    {
        await using var harness = await TeamsConnectorHarness.StartAsync(options => options.TenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47");

        await harness.Tokens.GetTokenAsync(None);

        var request = Assert.Single(harness.Teams.CallsTo(FakeTeamsOperation.Token));
        Assert.Equal("72f988bf-86f1-41af-91ab-2d7cd011db47", request.Tenant);
        Assert.Equal("https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/oauth2/v2.0/token", request.OriginalUrl);
    }

    [Fact]
    public async Task ConfiguredAuthorityAndScope_AreUsed()
    {
        await using var harness = await TeamsConnectorHarness.StartAsync(options =>
        {
            options.Authority = "https://login.microsoftonline.us/{tenant}";
            options.Scope = "https://api.botframework.us/.default";
        });

        await harness.Tokens.GetTokenAsync(None);

        var request = Assert.Single(harness.Teams.CallsTo(FakeTeamsOperation.Token));
        Assert.Equal("https://login.microsoftonline.us/botframework.com/oauth2/v2.0/token", request.OriginalUrl);
        Assert.Equal("https://api.botframework.us/.default", request.Field("scope"));
    }

    [Fact]
    public async Task SecondToken_ComesFromTheCache_WithoutARequest()
    {
        await using var harness = await TeamsConnectorHarness.StartAsync();

        var first = await harness.Tokens.GetTokenAsync(None);
        var second = await harness.Tokens.GetTokenAsync(None);

        Assert.Equal(first, second);
        Assert.Single(harness.Teams.CallsTo(FakeTeamsOperation.Token));
    }

    [Fact]
    public async Task TokenWithinFiveMinutesOfExpiry_IsRenewed()
    {
        await using var harness = await TeamsConnectorHarness.StartAsync();
        harness.Teams.TokenExpiresIn = 240;

        var first = await harness.Tokens.GetTokenAsync(None);
        var second = await harness.Tokens.GetTokenAsync(None);

        Assert.NotEqual(first, second);
        Assert.Equal(2, harness.Teams.CallsTo(FakeTeamsOperation.Token).Count);
        Assert.Equal(second, harness.Teams.IssuedTokens[^1]);
    }

    [Fact]
    public async Task Certificate_SignsAnAssertion_InsteadOfSendingAPassword()
    {
        using var certificate = TempCertificate.Create("pfx-password");
        await using var harness = await TeamsConnectorHarness.StartAsync(options =>
        {
            options.AppPassword = null;
            options.CertificatePath = certificate.Path;
            options.CertificatePassword = "pfx-password";
        });

        Assert.NotNull(await harness.Tokens.GetTokenAsync(None));

        var request = Assert.Single(harness.Teams.CallsTo(FakeTeamsOperation.Token));
        Assert.Null(request.Field("client_secret"));
        Assert.Equal("urn:ietf:params:oauth:client-assertion-type:jwt-bearer", request.Field("client_assertion_type"));
        var assertion = new JsonWebToken(request.Field("client_assertion"));
        Assert.Equal((TeamsConnectorHarness.AppId, TeamsConnectorHarness.AppId), (assertion.Issuer, assertion.Subject));
        Assert.Equal("PS256", assertion.Alg);
        Assert.Equal(Base64Url(SHA256.HashData(certificate.Certificate.RawData)), assertion.GetHeaderValue<string>("x5t#S256"));
        using var publicKey = certificate.Certificate.GetRSAPublicKey()!;
        Assert.True(
            publicKey.VerifyData(Encoding.ASCII.GetBytes($"{assertion.EncodedHeader}.{assertion.EncodedPayload}"), Base64UrlEncoder.DecodeBytes(assertion.EncodedSignature), HashAlgorithmName.SHA256, RSASignaturePadding.Pss),
            "the assertion is not signed with the certificate's key");
    }

    [Fact]
    public async Task CertificateWithTheWrongPassword_FailsClearly_WithoutThePassword()
    {
        using var certificate = TempCertificate.Create("right-password");
        await using var harness = await TeamsConnectorHarness.StartAsync(options =>
        {
            options.AppPassword = null;
            options.CertificatePath = certificate.Path;
            options.CertificatePassword = "wrong-password";
        });

        var error = await Assert.ThrowsAsync<TeamsConnectorException>(() => harness.Tokens.GetTokenAsync(None));

        Assert.Equal("certificate_unreadable", error.Code);
        Assert.StartsWith($"Cannot read the certificate Chat:Teams:CertificatePath '{certificate.Path}'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-password", error.ToString(), StringComparison.Ordinal);
        Assert.Empty(harness.Teams.Calls);
    }

    [Fact]
    public async Task AllowUnauthenticated_WithoutACredential_GivesNoToken_AndAsksNobody()
    {
        await using var harness = await TeamsConnectorHarness.StartAsync(options =>
        {
            options.AppPassword = null;
            options.AllowUnauthenticated = true;
        });

        Assert.Null(await harness.Tokens.GetTokenAsync(None));
        Assert.Empty(harness.Teams.Calls);
    }

    [Fact]
    public async Task NoCredential_WhenAuthenticationIsRequired_FailsAsNotConfigured()
    {
        await using var harness = await TeamsConnectorHarness.StartAsync(options => options.AppPassword = " ");

        var error = await Assert.ThrowsAsync<TeamsConnectorException>(() => harness.Tokens.GetTokenAsync(None));

        Assert.Equal(("not_configured", "Cannot call the Teams connector: Chat:Teams:AppPassword (or CertificatePath) is not set."), (error.Code, error.Message));
    }

    [Fact]
    public async Task RefusedPassword_FailsWithEntrasCodeAndStatus()
    {
        await using var harness = await TeamsConnectorHarness.StartAsync();
        harness.Teams.ClientSecret = "the-current-password";

        var error = await Assert.ThrowsAsync<TeamsConnectorException>(() => harness.Tokens.GetTokenAsync(None));

        Assert.Equal((401, "invalid_client"), (error.Status, error.Code));
        Assert.StartsWith(
            "Could not get a Teams connector token for app 5f1c3b2a-0d4e-4c7b-9a61-2b8e7d9c4f10 from https://login.microsoftonline.com/botframework.com: invalid_client (HTTP 401). AADSTS7000215: Invalid client secret provided.",
            error.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task IdentityProviderRepeatingThePassword_DoesNotPutItInTheException()
    {
        await using var harness = await TeamsConnectorHarness.StartAsync();
        harness.Teams.RespondNextToken(400, $$"""{"error":"invalid_request","error_description":"AADSTS90014: bad secret '{{TeamsConnectorHarness.AppPassword}}'.","error_codes":[90014]}""");

        var error = await Assert.ThrowsAsync<TeamsConnectorException>(() => harness.Tokens.GetTokenAsync(None));

        Assert.Equal("invalid_request", error.Code);
        Assert.Contains("bad secret '***'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(TeamsConnectorHarness.AppPassword, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokenEndpointUnreachable_FailsAsANetworkError()
    {
        var harness = await TeamsConnectorHarness.StartAsync();
        await harness.Teams.DisposeAsync();

        var error = await Assert.ThrowsAsync<TeamsConnectorException>(() => harness.Tokens.GetTokenAsync(None));

        Assert.Equal((0, "network"), (error.Status, error.Code));
        Assert.StartsWith("Could not get a Teams connector token for app 5f1c3b2a-0d4e-4c7b-9a61-2b8e7d9c4f10 from https://login.microsoftonline.com/botframework.com: network.", error.Message, StringComparison.Ordinal);
        await harness.DisposeAsync();
    }

    [Fact]
    public async Task TokenEndpointNotAnsweringWithinRequestTimeout_IsAskedOnceMoreByMsal_ThenFailsAsRequestTimeout()
    {
        await using var harness = await TeamsConnectorHarness.StartAsync(options => options.RequestTimeout = TimeSpan.FromMilliseconds(300));
        for (var i = 0; i < 5; i++)
        {
            harness.Teams.RespondNext(200, """{"token_type":"Bearer","expires_in":3600,"access_token":"late"}""", delay: TimeSpan.FromSeconds(10), operation: FakeTeamsOperation.Token);
        }


        var error = await Assert.ThrowsAsync<TeamsConnectorException>(() => harness.Tokens.GetTokenAsync(None));

        Assert.Equal((0, "request_timeout"), (error.Status, error.Code));
        Assert.StartsWith("Could not get a Teams connector token for app 5f1c3b2a-0d4e-4c7b-9a61-2b8e7d9c4f10 from https://login.microsoftonline.com/botframework.com: request_timeout.", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, harness.Teams.CallsTo(FakeTeamsOperation.Token).Count);
    }

    private static string Base64Url(byte[] bytes) => Base64UrlEncoder.Encode(bytes);

    /// <summary>A self-signed RSA certificate with its private key, written to a temporary PFX file.</summary>
    private sealed class TempCertificate : IDisposable
    {
        private TempCertificate(X509Certificate2 certificate, string path)
        {
            Certificate = certificate;
            Path = path;
        }

        public X509Certificate2 Certificate { get; }

        public string Path { get; }

        public static TempCertificate Create(string password)
        {
            using var key = RSA.Create(2048);
            var request = new CertificateRequest("CN=chatops-release-test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
            var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"teams-{Guid.NewGuid():N}.pfx");
            File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
            return new TempCertificate(certificate, path);
        }

        public void Dispose()
        {
            Certificate.Dispose();
            File.Delete(Path);
        }
    }
}
