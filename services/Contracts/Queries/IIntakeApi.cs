using Refit;

namespace Ticketing.Contracts.Queries;

/// <summary>What other services may ask intake synchronously.</summary>
public interface IIntakeApi
{
    [Get("/tickets/{ticketId}")]
    Task<TicketSummary> GetTicketAsync(Guid ticketId, CancellationToken cancellationToken = default);
}

public sealed record TicketSummary(
    Guid Id, string Number, string Title, string Content, Category Category, Urgency Urgency, Channel Channel,
    string CallerName, string CallerPhone, string RegionCode, TicketState Status, DateTimeOffset ReceivedAt);
