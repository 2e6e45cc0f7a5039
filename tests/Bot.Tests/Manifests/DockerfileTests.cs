using System.Text.RegularExpressions;
using System.Xml.Linq;
using Xunit;

namespace ChatOpsRelease.Bot.Tests.Manifests;

/// <summary>
/// The Dockerfile, read as text (no Docker engine is needed): it copies files that exist, restores every project the
/// bot builds from, publishes src/Bot, and runs as a non-root user without secrets.
/// </summary>
public sealed partial class DockerfileTests
{
    private static readonly string Root = Kustomize.PathOf();

    private static readonly List<string> Lines = [.. File.ReadAllLines(Kustomize.PathOf("Dockerfile"))
        .Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'))];

    [Fact]
    public void Copy_EverySourceExists_AndIsNotIgnored()
    {
        var ignored = File.ReadAllLines(Kustomize.PathOf(".dockerignore")).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        var sources = Lines.Where(l => l.StartsWith("COPY ", StringComparison.Ordinal) && !l.Contains("--from=", StringComparison.Ordinal))
            .SelectMany(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..^1]).ToList();

        Assert.NotEmpty(sources);
        Assert.All(sources, s => Assert.True(File.Exists(Path.Combine(Root, s)) || Directory.Exists(Path.Combine(Root, s)), $"COPY {s}: no such file"));
        Assert.All(sources, s => Assert.DoesNotContain(ignored, i => s.TrimEnd('/') == i.TrimEnd('/') || s.StartsWith(i.TrimEnd('/') + "/", StringComparison.Ordinal)));
    }

    [Fact]
    public void Restore_CopiesEveryProjectTheBotReferences_AndThePackageVersions_BeforeRestoring()
    {
        var restore = Lines.FindIndex(l => l.StartsWith("RUN dotnet restore src/Bot/Bot.csproj", StringComparison.Ordinal));
        var copied = Lines.Take(restore).Where(l => l.StartsWith("COPY ", StringComparison.Ordinal)).SelectMany(l => l.Split(' ')[1..^1]).ToHashSet();

        Assert.True(restore > 0, "the build restores src/Bot/Bot.csproj");
        Assert.Contains("Directory.Packages.props", copied);
        Assert.Contains("Directory.Build.props", copied);
        Assert.All(ProjectClosure("src/Bot/Bot.csproj"), p => Assert.Contains(p, copied));
    }

    [Fact]
    public void Publish_TheBotIntoTheRuntimeImage_StartingItsAssembly()
    {
        var publish = Assert.Single(Lines, l => l.StartsWith("RUN dotnet publish", StringComparison.Ordinal));
        var assembly = XDocument.Load(Kustomize.PathOf("src", "Bot", "Bot.csproj")).Descendants("AssemblyName").Single().Value;

        Assert.Contains("src/Bot/Bot.csproj", publish, StringComparison.Ordinal);
        Assert.Contains("-c Release", publish, StringComparison.Ordinal);
        Assert.Contains(Lines, l => l.StartsWith("FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build", StringComparison.Ordinal));
        Assert.Contains(Lines, l => l.StartsWith("FROM mcr.microsoft.com/dotnet/aspnet:10.0", StringComparison.Ordinal));
        Assert.Contains(Lines, l => l == "COPY --from=build /out ./");
        Assert.Equal($"ENTRYPOINT [\"dotnet\", \"{assembly}.dll\"]", Lines[^1]);
        Assert.Contains(Lines, l => l.Contains("Urls=http://0.0.0.0:8080", StringComparison.Ordinal));
        Assert.Contains(Lines, l => l.Contains("Storage__DataDirectory=/data", StringComparison.Ordinal));
    }

    [Fact]
    public void User_IsNotRoot_AndSetInTheFinalStage()
    {
        var lastFrom = Lines.FindLastIndex(l => l.StartsWith("FROM ", StringComparison.Ordinal));
        var users = Lines.Select((l, i) => (Line: l, Index: i)).Where(l => l.Line.StartsWith("USER ", StringComparison.Ordinal)).ToList();

        var user = Assert.Single(users);
        Assert.True(user.Index > lastFrom, "USER is set in the runtime stage");
        Assert.DoesNotContain(user.Line[5..].Split(':')[0], new[] { "root", "0" });
        // The image's app user is 1654; the Deployment runs as that number.
        var deployment = File.ReadAllText(Kustomize.PathOf("manifests", "bot", "base", "deployment.yaml"));
        Assert.Contains("runAsUser: 1654", deployment, StringComparison.Ordinal);
        Assert.Equal("USER $APP_UID", user.Line);
    }

    [Fact]
    public void NoSecretIsBakedIn()
    {
        Assert.DoesNotContain(Lines, l => (l.StartsWith("ENV ", StringComparison.Ordinal) || l.StartsWith("ARG ", StringComparison.Ordinal) || l.Contains('='))
            && SecretKey().IsMatch(l));
    }

    /// <summary>Every project file <paramref name="project"/> needs (itself and its references, transitively), relative to the root.</summary>
    private static HashSet<string> ProjectClosure(string project)
    {
        var found = new HashSet<string>();
        var pending = new Stack<string>([project]);
        while (pending.TryPop(out var next))
        {
            if (!found.Add(next))
            {
                continue;
            }

            var folder = Path.GetDirectoryName(Path.Combine(Root, next))!;
            foreach (var reference in XDocument.Load(Path.Combine(Root, next)).Descendants("ProjectReference"))
            {
                pending.Push(Path.GetRelativePath(Root, Path.GetFullPath(Path.Combine(folder, reference.Attribute("Include")!.Value))).Replace('\\', '/'));
            }
        }

        return found;
    }

    [GeneratedRegex("(Token|Password|Secret|ConnectionString)", RegexOptions.IgnoreCase)]
    private static partial Regex SecretKey();
}
