using Refit;

namespace Ticketing.Contracts.Queries;

/// <summary>What other services may ask intake synchronously.</summary>
public interface IIntakeApi
{
    [Get("/tickets/{ticketId}")]
    Task<TicketSummary> GetTicketAsync(Guid ticketId, CancellationToken cancellationToken = default);

    [Get("/catalogue")]
    Task<List<CatalogueCategoryView>> GetCatalogueAsync(CancellationToken cancellationToken = default);
}

/// <summary>
/// A ticket as intake keeps it. <see cref="FirstContactAnswer"/> is the agent's answer when it was resolved during
/// the call; <see cref="DecisionSupersededReason"/> says why intake's decision on it did not take effect. <see cref="OfficeCode"/>
/// is the office dispatch assigned it to (none before dispatch and after a return); <see cref="Overdue"/> says an office's
/// work on it is past its SLA deadline now.
/// </summary>
public sealed record TicketSummary(
    Guid Id, string Number, string Title, string Content, Category Category, Urgency Urgency, Channel Channel,
    string CallerName, string CallerPhone, string RegionCode, TicketState Status, DateTimeOffset ReceivedAt,
    string? FirstContactAnswer = null, string? DecisionSupersededReason = null, string? SubCategory = null, string? OfficeCode = null,
    bool Overdue = false)
{
    /// <summary>On a registration's answer only: earlier tickets this call may repeat, best first.</summary>
    public IReadOnlyList<DuplicateCandidate>? DuplicateCandidates { get; init; }
}

/// <summary>
/// A ticket a new call may repeat: <see cref="Score"/> from 0 to 1, and the <see cref="Reasons"/> (same phone, same
/// address, similar text n%). The agent decides; merging goes through the lifecycle's Merge trigger.
/// </summary>
public sealed record DuplicateCandidate(Guid TicketId, string Number, double Score, IReadOnlyList<string> Reasons, TicketState Status,
    DateTimeOffset ReceivedAt, string Title);

/// <summary>A category of intake's issue catalogue (诉求分类) and its sub-categories; initials are the names' pinyin initials (投诉 → ts).</summary>
public sealed record CatalogueCategoryView(Category Category, string Name, IReadOnlyList<SubCategoryView> SubCategories, string? Initials = null);

public sealed record SubCategoryView(string Code, string Name, string? Initials = null);
