using ChatOpsRelease.Commands.Releases;

namespace ChatOpsRelease.Commands.Tests.Releases;

public sealed class ImageRefTests
{
    [Theory]
    [InlineData("registry:5000/team/app:v1", "v2", "registry:5000/team/app:v2")]
    [InlineData("registry:5000/team/app", "v2", "registry:5000/team/app:v2")]
    [InlineData("app:v1", "v2", "app:v2")]
    [InlineData("app", "v2", "app:v2")]
    [InlineData("ghcr.io/team/app:latest", "1.2.3", "ghcr.io/team/app:1.2.3")]
    [InlineData("registry:5000/team/app@sha256:0123456789abcdef0123", "v2", "registry:5000/team/app:v2")]
    [InlineData("registry:5000/team/app:v1@sha256:0123456789abcdef0123", "v2", "registry:5000/team/app:v2")]
    public void WithTag_ReplacesTagAndDigest(string image, string version, string expected)
    {
        Assert.Equal(expected, ImageRef.WithTag(image, version));
    }

    [Theory]
    [InlineData("registry:5000/team/app:v1", "v1")]
    [InlineData("registry:5000/team/app", "latest")]
    [InlineData("app", "latest")]
    [InlineData("app:2.4.0-rc.1", "2.4.0-rc.1")]
    [InlineData("registry:5000/team/app@sha256:0123456789abcdef0123", "@0123456789ab")]
    [InlineData("registry:5000/team/app:v1@sha256:0123456789abcdef0123", "@0123456789ab")]
    [InlineData("app@abc", "@abc")]
    public void Version_IsTheTagElseAShortDigestElseLatest(string image, string expected)
    {
        Assert.Equal(expected, ImageRef.Version(image));
    }

    [Theory]
    [InlineData("registry:5000/team/app:v1", "registry:5000/team/app")]
    [InlineData("registry:5000/team/app", "registry:5000/team/app")]
    [InlineData("registry:5000/team/app@sha256:0123", "registry:5000/team/app")]
    [InlineData("registry:5000/team/app:v1@sha256:0123", "registry:5000/team/app")]
    [InlineData("app:v1", "app")]
    public void Repository_DropsTagAndDigestButKeepsTheRegistryPort(string image, string expected)
    {
        Assert.Equal(expected, ImageRef.Repository(image));
    }
}
