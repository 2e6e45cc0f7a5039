using ChatOpsRelease.Commands.Analysis;

namespace ChatOpsRelease.Commands.Ports;

/// <summary>Counts the verdicts the canary comparison reaches, for the bot's own metrics.</summary>
public interface IAnalysisMetrics
{
    void Judged(VerdictOutcome outcome);
}

/// <summary>Counts nothing: the default when the host keeps no metrics.</summary>
public sealed class NoAnalysisMetrics : IAnalysisMetrics
{
    public void Judged(VerdictOutcome outcome)
    {
    }
}
