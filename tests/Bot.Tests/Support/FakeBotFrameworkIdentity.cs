using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ChatOpsRelease.Bot.Tests.Support;

/// <summary>
/// A loopback stand-in for the Bot Framework's token issuer (a real Kestrel server on 127.0.0.1): it publishes an
/// OpenID configuration and a JWKS of RSA keys, each with a <c>kid</c> and an <c>endorsements</c> array, counts the
/// requests to each, and signs tokens like the ones Teams sends with any key it holds, published or not.
/// It starts with <see cref="DefaultKeyId"/>, published and endorsing <c>msteams</c> and <c>emulator</c>.
/// <code>
/// await using var identity = await FakeBotFrameworkIdentity.StartAsync();
/// // point Chat:Teams:OpenIdMetadataUrl at identity.MetadataUrl and Chat:Teams:Issuer at identity.Issuer, then
/// var token = identity.CreateToken(audience: appId, serviceUrl: "https://smba.trafficmanager.net/amer/");
/// // send it as "Authorization: Bearer {token}"; rotate keys with AddKey("k2", ["msteams"], publish: false) and PublishKey("k2")
/// </code>
/// </summary>
internal sealed class FakeBotFrameworkIdentity : IAsyncDisposable
{
    public const string DefaultIssuer = "https://api.botframework.com";

    public const string DefaultKeyId = "bf-key-1";

    /// <summary>
    /// Key material of disposed fakes, handed to later ones: making a 2048-bit RSA key takes a good fraction of a
    /// second. No two keys of one fake ever share material. (Keys are kept as parameters, not <see cref="RSA"/>
    /// objects: IdentityModel caches signature providers by key thumbprint, with the RSA object they were made from.)
    /// </summary>
    private static readonly ConcurrentQueue<RSAParameters> SpareKeys = new();

    private readonly WebApplication _app;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, SigningKey> _keys = new(StringComparer.Ordinal);
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };
    private int _metadataRequests;
    private int _keysRequests;
    private bool _unavailable;

    private FakeBotFrameworkIdentity(WebApplication app, string issuer, TimeProvider time)
    {
        _app = app;
        _time = time;
        Issuer = issuer;
        app.MapGet("/.well-known/openidconfiguration", ServeMetadataAsync);
        app.MapGet("/.well-known/keys", ServeKeysAsync);
    }

    /// <summary>The server's root, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>What to set <c>Chat:Teams:OpenIdMetadataUrl</c> to.</summary>
    public Uri MetadataUrl => new(BaseAddress, ".well-known/openidconfiguration");

    /// <summary>The <c>jwks_uri</c> the configuration points to.</summary>
    public Uri KeysUrl => new(BaseAddress, ".well-known/keys");

    /// <summary>The issuer the configuration names and tokens carry unless told otherwise.</summary>
    public string Issuer { get; }

    public int MetadataRequests => Volatile.Read(ref _metadataRequests);

    public int KeysRequests => Volatile.Read(ref _keysRequests);

    /// <summary>While true, both endpoints answer 503 (the requests are still counted).</summary>
    public bool Unavailable
    {
        get => Volatile.Read(ref _unavailable);
        set => Volatile.Write(ref _unavailable, value);
    }

    /// <summary>Starts the server; <paramref name="time"/> gives the default lifetime of tokens (the system clock by default).</summary>
    public static async Task<FakeBotFrameworkIdentity> StartAsync(string issuer = DefaultIssuer, TimeProvider? time = null)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddLogging();
        builder.Services.AddRoutingCore();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, 0);
        });
        var identity = new FakeBotFrameworkIdentity(builder.Build(), issuer, time ?? TimeProvider.System);
        identity.AddKey(DefaultKeyId, ["msteams", "emulator"]);
        try
        {
            await identity._app.StartAsync();
        }
        catch
        {
            await identity.DisposeAsync();
            throw;
        }

        var bound = identity._app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        identity.BaseAddress = new Uri(bound.EndsWith('/') ? bound : bound + "/");
        return identity;
    }

    /// <summary>
    /// Makes a new RSA key <paramref name="kid"/> endorsing <paramref name="endorsements"/> (null: the key has no
    /// <c>endorsements</c> property at all), published in the JWKS unless <paramref name="publish"/> is false.
    /// </summary>
    public void AddKey(string kid, IReadOnlyList<string>? endorsements, bool publish = true)
    {
        lock (_gate)
        {
            _keys[kid] = new SigningKey(kid, SpareKeys.TryDequeue(out var spare) ? spare : NewRsaKey(), endorsements is null ? null : [.. endorsements])
            {
                Published = publish,
            };
        }
    }

    /// <summary>Puts a key made with <see cref="AddKey"/> into the JWKS (as when the Bot Framework rotates keys).</summary>
    public void PublishKey(string kid) => Key(kid).Published = true;

    /// <summary>Takes a key out of the JWKS; tokens can still be signed with it.</summary>
    public void WithdrawKey(string kid) => Key(kid).Published = false;

    /// <summary>
    /// A token as the Bot Framework signs it: <c>iss</c> (<see cref="Issuer"/> unless given), <c>aud</c>, <c>nbf</c>
    /// and <c>iat</c> (now unless given), <c>exp</c> (an hour from now unless given), <c>serviceurl</c> (left out
    /// when null), then <paramref name="claims"/> (which may replace any of them), signed with key
    /// <paramref name="kid"/> (<see cref="DefaultKeyId"/> unless given) by <paramref name="algorithm"/>.
    /// </summary>
    public string CreateToken(
        string audience,
        string? serviceUrl,
        string? issuer = null,
        DateTimeOffset? notBefore = null,
        DateTimeOffset? expires = null,
        string? kid = null,
        IReadOnlyDictionary<string, object>? claims = null,
        string algorithm = SecurityAlgorithms.RsaSha256)
    {
        var now = _time.GetUtcNow();
        var payload = new Dictionary<string, object>(StringComparer.Ordinal);
        if (serviceUrl is not null)
        {
            payload["serviceurl"] = serviceUrl;
        }

        foreach (var (name, value) in claims ?? new Dictionary<string, object>())
        {
            payload[name] = value;
        }

        var key = Key(kid ?? DefaultKeyId);
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Issuer,
            Audience = audience,
            IssuedAt = (notBefore ?? now).UtcDateTime,
            NotBefore = (notBefore ?? now).UtcDateTime,
            Expires = (expires ?? now.AddHours(1)).UtcDateTime,
            Claims = payload,
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(key.Rsa) { KeyId = key.Kid }, algorithm),
        });
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
        lock (_gate)
        {
            foreach (var key in _keys.Values)
            {
                SpareKeys.Enqueue(key.Rsa);
            }

            _keys.Clear();
        }
    }

    private static RSAParameters NewRsaKey()
    {
        using var rsa = RSA.Create(2048);
        return rsa.ExportParameters(includePrivateParameters: true);
    }

    private SigningKey Key(string kid)
    {
        lock (_gate)
        {
            return _keys.TryGetValue(kid, out var key) ? key : throw new ArgumentException($"No key '{kid}'; add it with AddKey first.", nameof(kid));
        }
    }

    private Task ServeMetadataAsync(HttpContext context)
    {
        Interlocked.Increment(ref _metadataRequests);
        return WriteAsync(context, new JsonObject
        {
            ["issuer"] = Issuer,
            ["authorization_endpoint"] = new Uri(BaseAddress, "oauth2/authorize").ToString(),
            ["jwks_uri"] = KeysUrl.ToString(),
            ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
            ["token_endpoint_auth_methods_supported"] = new JsonArray("private_key_jwt"),
        });
    }

    private Task ServeKeysAsync(HttpContext context)
    {
        Interlocked.Increment(ref _keysRequests);
        var keys = new JsonArray();
        lock (_gate)
        {
            foreach (var key in _keys.Values.Where(k => k.Published))
            {
                keys.Add(key.ToJwk());
            }
        }

        return WriteAsync(context, new JsonObject { ["keys"] = keys });
    }

    private Task WriteAsync(HttpContext context, JsonObject body)
    {
        if (Unavailable)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Task.CompletedTask;
        }

        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }

    private sealed class SigningKey(string kid, RSAParameters rsa, string[]? endorsements)
    {
        private bool _published;

        public string Kid { get; } = kid;

        public RSAParameters Rsa { get; } = rsa;

        public bool Published
        {
            get => Volatile.Read(ref _published);
            set => Volatile.Write(ref _published, value);
        }

        public JsonObject ToJwk()
        {
            var jwk = new JsonObject
            {
                ["kty"] = "RSA",
                ["use"] = "sig",
                ["kid"] = Kid,
                ["n"] = Base64UrlEncoder.Encode(Rsa.Modulus),
                ["e"] = Base64UrlEncoder.Encode(Rsa.Exponent),
            };
            if (endorsements is not null)
            {
                jwk["endorsements"] = new JsonArray([.. endorsements.Select(e => (JsonNode?)e)]);
            }

            return jwk;
        }
    }
}
