using System.Text.Json;
using ChatOpsRelease.Bot.Chat.Teams.Auth;
using Microsoft.IdentityModel.Tokens;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Chat.Teams.Auth;

public sealed class SigningKeyEndorsementsTests
{
    private static JsonWebKeySet Set(string json) => new(json);

    [Fact]
    public void KeyFromJwks_ListsItsEndorsements()
    {
        var keys = Set("""{"keys":[{"kty":"RSA","kid":"k1","n":"AQAB","e":"AQAB","endorsements":["msteams","emulator"]}]}""");

        Assert.Equal(["msteams", "emulator"], SigningKeyEndorsements.Of(keys.Keys[0]));
        Assert.True(SigningKeyEndorsements.Endorses(keys, "k1", "msteams"));
        Assert.False(SigningKeyEndorsements.Endorses(keys, "k1", "MSTEAMS"));
        Assert.False(SigningKeyEndorsements.Endorses(keys, "k2", "msteams"));
        Assert.False(SigningKeyEndorsements.Endorses(keys, null, "msteams"));
    }

    [Theory]
    [InlineData("""{"keys":[{"kty":"RSA","kid":"k1","n":"AQAB","e":"AQAB"}]}""")]
    [InlineData("""{"keys":[{"kty":"RSA","kid":"k1","n":"AQAB","e":"AQAB","endorsements":"msteams"}]}""")]
    [InlineData("""{"keys":[{"kty":"RSA","kid":"k1","n":"AQAB","e":"AQAB","endorsements":{"msteams":true}}]}""")]
    [InlineData("""{"keys":[{"kty":"RSA","kid":"k1","n":"AQAB","e":"AQAB","endorsements":[]}]}""")]
    public void KeyWithoutAnArrayOfEndorsements_EndorsesNothing(string json)
    {
        Assert.False(SigningKeyEndorsements.Endorses(Set(json), "k1", "msteams"));
    }

    [Fact]
    public void KeyBuiltInCode_WithAListOfEndorsements_IsUnderstood()
    {
        var key = new JsonWebKey { Kid = "k1" };
        key.AdditionalData["endorsements"] = new List<object> { "msteams", 42 };

        Assert.Equal(["msteams"], SigningKeyEndorsements.Of(key));
    }

    [Fact]
    public void NonStringEntries_AreIgnored()
    {
        var key = new JsonWebKey { Kid = "k1" };
        key.AdditionalData["endorsements"] = JsonDocument.Parse("""["msteams", 1, null]""").RootElement.Clone();

        Assert.Equal(["msteams"], SigningKeyEndorsements.Of(key));
    }
}
