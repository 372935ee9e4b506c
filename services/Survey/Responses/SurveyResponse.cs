using Ticketing.Contracts;
using Ticketing.Survey.Links;

namespace Ticketing.Survey.Responses;

/// <summary>
/// 满意度调查: one answer from a customer about one ticket: overall satisfaction, attitude, speed and result on 1–5
/// and a comment. Given to the agent on the callback or by the customer through a signed link. Kept for ever: the
/// figures are built from them. A response whose scores and comment disagree is flagged for quality review.
/// </summary>
public sealed class SurveyResponse
{
    public const string FromCallback = "callback";
    public const string FromLink = "link";
    public const int CommentLength = 2000;
    public const int ReasonLength = 1000;

    public Guid Id { get; private set; }
    public Guid TicketId { get; private set; }
    public Satisfaction Satisfaction { get; private set; }

    /// <summary>Whether the customer said the matter was resolved; null when the customer was not asked (a link's answer).</summary>
    public bool? Resolved { get; private set; }

    public int? AttitudeScore { get; private set; }
    public int? SpeedScore { get; private set; }
    public int? ResultScore { get; private set; }
    public string Source { get; private set; } = FromCallback;
    public string? Comment { get; private set; }
    public DateTimeOffset RecordedAt { get; private set; }

    /// <summary>The link the customer answered through; null for a callback's answer.</summary>
    public Guid? LinkId { get; private set; }

    /// <summary>The scores and the comment disagree: quality reviewers look at it.</summary>
    public bool NeedsQualityReview { get; private set; }

    /// <summary>Why it needs review, as the agreement rules put it.</summary>
    public string? QualityReviewReason { get; private set; }

    private SurveyResponse() { }

    public static SurveyResponse FromCallbackOutcome(Guid ticketId, Satisfaction satisfaction, bool resolved, string? comment, Scores scores,
        AgreementRules rules, DateTimeOffset now) =>
        New(ticketId, satisfaction, resolved, comment, scores, FromCallback, null, rules, now);

    public static SurveyResponse FromCustomer(SurveyLink link, Satisfaction satisfaction, string? comment, Scores scores, AgreementRules rules,
        DateTimeOffset now) =>
        New(link.TicketId, satisfaction, null, comment, scores, FromLink, link.Id, rules, now);

    private static SurveyResponse New(Guid ticketId, Satisfaction satisfaction, bool? resolved, string? comment, Scores scores, string source,
        Guid? linkId, AgreementRules rules, DateTimeOffset now)
    {
        var text = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        var disagreement = rules.Disagreement(satisfaction, text, scores.Result);
        return new SurveyResponse
        {
            Id = Guid.NewGuid(),
            TicketId = ticketId,
            Satisfaction = satisfaction,
            Resolved = resolved,
            AttitudeScore = scores.Attitude,
            SpeedScore = scores.Speed,
            ResultScore = scores.Result,
            Source = source,
            Comment = text?[..Math.Min(text.Length, CommentLength)],
            LinkId = linkId,
            RecordedAt = now,
            NeedsQualityReview = disagreement is not null,
            QualityReviewReason = disagreement?[..Math.Min(disagreement.Length, ReasonLength)],
        };
    }
}

/// <summary>The 1–5 scores of attitude (态度), speed (时效) and result (结果); each may be left out.</summary>
public sealed record Scores(int? Attitude, int? Speed, int? Result)
{
    public static readonly Scores None = new(null, null, null);

    public const int Lowest = 1, Highest = 5;
}
