using ChatOpsRelease.Commands.Parsing;

namespace ChatOpsRelease.Commands.Tests.Parsing;

public sealed class SuggestionsTests
{
    [Theory]
    [InlineData("", "", 0)]
    [InlineData("abc", "", 3)]
    [InlineData("", "abc", 3)]
    [InlineData("promote", "promote", 0)]
    [InlineData("promot", "promote", 1)]
    [InlineData("rolback", "rollback", 1)]
    [InlineData("promoet", "promote", 1)]
    [InlineData("ab", "ba", 1)]
    [InlineData("rollbcak", "rollback", 1)]
    [InlineData("stauts", "status", 1)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("deploy", "status", 6)]
    [InlineData("ca", "abc", 3)] // optimal string alignment: a swapped pair is not edited again
    public void Distance_CountsInsertionsDeletionsSubstitutionsAndSwaps(string a, string b, int expected)
    {
        Assert.Equal(expected, Suggestions.Distance(a, b));
        Assert.Equal(expected, Suggestions.Distance(b, a));
    }

    [Theory]
    [InlineData("promot", "promote")]
    [InlineData("PROMOT", "promote")]
    [InlineData("promoet", "promote")]
    [InlineData("rolback", "rollback")]
    [InlineData("rollbak", "rollback")]
    [InlineData("abrot", "abort")]
    [InlineData("stauts", "status")]
    [InlineData("hepl", "help")]
    [InlineData("hlp", "help")]
    [InlineData("deplyo", "deploy")]
    [InlineData("resum", "resume")]
    [InlineData("pase", "pause")]
    public void Closest_Typo_SuggestsTheVerb(string typo, string expected)
    {
        Assert.Equal(expected, Suggestions.Closest(typo, Verbs.Words));
    }

    [Theory]
    [InlineData("xyz")]
    [InlineData("hp")] // short words allow only one edit
    [InlineData("frobnicate")]
    [InlineData("zzzzz")]
    public void Closest_NothingClose_SuggestsNothing(string word)
    {
        Assert.Null(Suggestions.Closest(word, Verbs.Words));
    }

    [Fact]
    public void Closest_ReturnsTheCandidateAsWritten()
    {
        Assert.Equal("Checkout", Suggestions.Closest("CHEKOUT", ["Cart", "Checkout"]));
    }

    [Fact]
    public void Closest_PrefersTheNearestCandidate()
    {
        Assert.Equal("cart", Suggestions.Closest("carts", ["carts-api", "cart", "card"]));
    }

    [Fact]
    public void Closest_NoCandidates_SuggestsNothing()
    {
        Assert.Null(Suggestions.Closest("promote", []));
    }
}
