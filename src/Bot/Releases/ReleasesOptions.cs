using Microsoft.Extensions.Options;

namespace ChatOpsRelease.Bot.Releases;

/// <summary>How releases move. Section <c>Releases</c>.</summary>
public sealed class ReleasesOptions
{
    public const string Section = "Releases";

    /// <summary>The weights <c>promote … next</c> climbs through.</summary>
    public List<int> WeightLadder { get; set; } = [];

    /// <summary>How many entries <c>history</c> shows.</summary>
    public int HistoryLimit { get; set; } = 20;

    /// <summary>Where plan files (<c>*.yaml</c>, one plan each) are read from, relative to the working directory.</summary>
    public string PlansDirectory { get; set; } = "manifests/plans";

    /// <summary>
    /// After the bot was down while a plan step baked: false (the default) counts the bake from when the step started,
    /// downtime included; true starts the step's bake again from when the bot came back.
    /// </summary>
    public bool RestartBakeAfterDowntime { get; set; }

    internal static readonly int[] DefaultLadder = [5, 20, 50];

    internal IReadOnlyList<int> Ladder => WeightLadder.Count == 0 ? DefaultLadder : WeightLadder;
}

internal sealed class ReleasesOptionsValidator : IValidateOptions<ReleasesOptions>
{
    public ValidateOptionsResult Validate(string? name, ReleasesOptions options)
    {
        var errors = new List<string>();
        var ladder = options.Ladder;
        if (ladder.Any(w => w is < 1 or > 99))
        {
            errors.Add($"Releases:WeightLadder ({string.Join(", ", ladder)}) may only hold weights from 1 to 99; `promote … full` is the last step.");
        }

        if (ladder.Zip(ladder.Skip(1)).Any(pair => pair.Second <= pair.First))
        {
            errors.Add($"Releases:WeightLadder ({string.Join(", ", ladder)}) must rise step by step.");
        }

        if (options.HistoryLimit is < 1 or > 500)
        {
            errors.Add("Releases:HistoryLimit must be between 1 and 500.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
