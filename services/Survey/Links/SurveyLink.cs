using Ticketing.BuildingBlocks.Data;
using Ticketing.BuildingBlocks.Errors;

namespace Ticketing.Survey.Links;

/// <summary>
/// A link sent to a customer to answer the survey on their phone without signing in. Its token is signed
/// (<see cref="LinkTokens"/>); the link itself says whether it was used, so it answers once.
/// </summary>
public sealed class SurveyLink : IVersioned
{
    public Guid Id { get; private set; }
    public Guid TicketId { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public DateTimeOffset? UsedAt { get; private set; }
    public Guid? ResponseId { get; private set; }
    public int Version { get; set; }

    private SurveyLink() { }

    public static SurveyLink Create(Guid ticketId, string createdBy, DateTimeOffset now, TimeSpan lifetime) => new()
    {
        Id = Guid.NewGuid(),
        TicketId = ticketId,
        CreatedBy = createdBy,
        CreatedAt = now,
        // Whole seconds: the token carries the expiry in seconds, and both must say the same.
        ExpiresAt = DateTimeOffset.FromUnixTimeSeconds((now + lifetime).ToUnixTimeSeconds()),
    };

    /// <summary>
    /// 409 once used, 410 once expired: the customer's page says which. <paramref name="signedExpiry"/> is the expiry the
    /// token was signed with; the earlier of it and the link's own holds.
    /// </summary>
    public void EnsureAnswerable(DateTimeOffset now, DateTimeOffset? signedExpiry = null)
    {
        if (UsedAt is not null)
            throw new DomainRuleException("Survey already answered", $"This survey link was used at {UsedAt:u}; each link answers once.")
                { Extensions = { ["usedAt"] = UsedAt } };
        var expiry = signedExpiry < ExpiresAt ? signedExpiry.Value : ExpiresAt;
        if (now >= expiry)
            throw new DomainRuleException("Survey link expired", $"This survey link expired at {expiry:u}.", 410)
                { Extensions = { ["expiredAt"] = expiry } };
    }

    public void Use(Guid responseId, DateTimeOffset now, DateTimeOffset? signedExpiry = null)
    {
        EnsureAnswerable(now, signedExpiry);
        UsedAt = now;
        ResponseId = responseId;
    }
}
