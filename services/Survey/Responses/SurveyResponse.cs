using Ticketing.Contracts;

namespace Ticketing.Survey.Responses;

/// <summary>满意度调查: one answer from a customer about one ticket. Kept for ever: the figures are built from them.</summary>
public sealed class SurveyResponse
{
    public const string FromCallback = "callback";

    public Guid Id { get; private set; }
    public Guid TicketId { get; private set; }
    public Satisfaction Satisfaction { get; private set; }
    public bool Resolved { get; private set; }
    public string Source { get; private set; } = FromCallback;
    public string? Comment { get; private set; }
    public DateTimeOffset RecordedAt { get; private set; }

    private SurveyResponse() { }

    public static SurveyResponse FromCallbackOutcome(Guid ticketId, Satisfaction satisfaction, bool resolved, string? comment, DateTimeOffset now) => new()
    {
        Id = Guid.NewGuid(),
        TicketId = ticketId,
        Satisfaction = satisfaction,
        Resolved = resolved,
        Source = FromCallback,
        Comment = string.IsNullOrWhiteSpace(comment) ? null : comment,
        RecordedAt = now,
    };
}
