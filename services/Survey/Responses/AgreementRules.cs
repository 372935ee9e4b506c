using System.Text.Json;
using Ticketing.BuildingBlocks.Messaging;
using Ticketing.Contracts;

namespace Ticketing.Survey.Responses;

/// <summary>One way a response's scores and comment can disagree (agreement-rules.json).</summary>
public sealed record AgreementRule(
    string Name, IReadOnlyList<Satisfaction> Satisfaction, string Reason, IReadOnlyList<string>? CommentSays = null,
    IReadOnlyList<string>? UnlessAlso = null, int? ResultScoreAtMost = null, int? ResultScoreAtLeast = null)
{
    /// <summary>The reason this rule gives for the response, or null when it does not apply.</summary>
    public string? Disagreement(Satisfaction satisfaction, string? comment, int? resultScore)
    {
        if (!Satisfaction.Contains(satisfaction)) return null;
        if (CommentSays is { Count: > 0 })
        {
            if (string.IsNullOrWhiteSpace(comment)) return null;
            var phrase = CommentSays.FirstOrDefault(p => comment.Contains(p, StringComparison.OrdinalIgnoreCase));
            if (phrase is null || UnlessAlso?.Any(p => comment.Contains(p, StringComparison.OrdinalIgnoreCase)) == true) return null;
            return Fill(satisfaction, phrase, resultScore);
        }
        if (resultScore is not { } score) return null;
        if (ResultScoreAtMost is { } most && score <= most) return Fill(satisfaction, "", score);
        if (ResultScoreAtLeast is { } least && score >= least) return Fill(satisfaction, "", score);
        return null;
    }

    private string Fill(Satisfaction satisfaction, string phrase, int? score) =>
        Reason.Replace("{satisfaction}", satisfaction.ToString()).Replace("{phrase}", phrase).Replace("{score}", score?.ToString() ?? "");
}

/// <summary>
/// 一致性校验: the rules that flag a response whose score and comment disagree ("satisfied" with 没解决) for quality review.
/// Kept as data (Responses/agreement-rules.json, built into the service) so the list grows without code.
/// </summary>
public sealed class AgreementRules(IReadOnlyList<AgreementRule> rules)
{
    public IReadOnlyList<AgreementRule> Rules { get; } = rules;

    /// <summary>The reasons of every rule the response breaks, joined; null when they agree.</summary>
    public string? Disagreement(Satisfaction satisfaction, string? comment, int? resultScore)
    {
        var reasons = Rules.Select(rule => rule.Disagreement(satisfaction, comment, resultScore)).OfType<string>().ToList();
        return reasons.Count == 0 ? null : string.Join(" ", reasons);
    }

    public static AgreementRules Shipped()
    {
        using var stream = typeof(AgreementRules).Assembly.GetManifestResourceStream("Ticketing.Survey.Responses.agreement-rules.json")
                           ?? throw new InvalidOperationException("agreement-rules.json is not built into the survey service.");
        var file = JsonSerializer.Deserialize<RuleFile>(stream, EventJson.Options)
                   ?? throw new InvalidOperationException("agreement-rules.json is empty.");
        return new AgreementRules(file.Rules);
    }

    private sealed record RuleFile(IReadOnlyList<AgreementRule> Rules);
}
