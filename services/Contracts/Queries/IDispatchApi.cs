using Refit;

namespace Ticketing.Contracts.Queries;

/// <summary>What other services may ask dispatch synchronously.</summary>
public interface IDispatchApi
{
    [Get("/regions")]
    Task<List<RegionView>> GetRegionsAsync(CancellationToken cancellationToken = default);

    [Get("/offices")]
    Task<List<OfficeView>> GetOfficesAsync(CancellationToken cancellationToken = default);

    /// <summary>A page of assignments, e.g. a ticket's co-handling parts: <c>ticketId=…&amp;role=CoHandler</c>.</summary>
    [Get("/assignments")]
    Task<AssignmentPage> GetAssignmentsAsync(Guid? ticketId = null, string? role = null, string? status = null, int? pageSize = null,
        CancellationToken cancellationToken = default);
}

/// <summary>
/// An assignment as dispatch keeps it, the members other services read. <see cref="Role"/> is Lead or CoHandler; a
/// co-handler's <see cref="LeadAssignmentId"/> names the lead office's assignment and <see cref="Report"/> its part once reported.
/// </summary>
public sealed record AssignmentSummary(Guid Id, Guid TicketId, string OfficeCode, string OfficeName, string Status, string Role,
    Guid? LeadAssignmentId, string? Report, DateTimeOffset? ReportedAt, string? ReportedBy);

public sealed record AssignmentPage(List<AssignmentSummary> Items, int PageNumber, int PageSize, int Total);

/// <summary>A region of the hotline's city (e.g. <c>DC-DH</c>) and the office whose jurisdiction it is.</summary>
public sealed record RegionView(string Code, string OfficeCode, string OfficeName);

/// <summary>
/// An office (承办单位) that can be given work; <see cref="Parent"/> is the office above it, and its deadlines count on
/// the business calendar <see cref="CalendarCode"/> in <see cref="TimeZone"/> (supervision's calendars).
/// </summary>
public sealed record OfficeView(string Code, string Name, string? Parent = null, string? CalendarCode = null, string? TimeZone = null);
