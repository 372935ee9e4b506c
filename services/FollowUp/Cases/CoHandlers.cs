using Polly.CircuitBreaker;
using Polly.Timeout;
using Refit;
using Ticketing.BuildingBlocks.Errors;
using Ticketing.Contracts.Queries;

namespace Ticketing.FollowUp.Cases;

/// <summary>
/// 协办: the co-handling offices' parts of the lead office's assignment, read from dispatch as the lead completes. A part
/// the co-handler returned or that was withdrawn is no longer owed; an assigned or signed-for one not yet reported is.
/// </summary>
public sealed class CoHandlers(IDispatchApi dispatch, ILogger<CoHandlers> logger)
{
    private static readonly string[] Ended = ["Returned", "Withdrawn", "Superseded"];

    public async Task<IReadOnlyList<CoHandlingPart>> PartsOfAsync(HandlingCase handling, CancellationToken cancellationToken)
    {
        AssignmentPage page;
        try
        {
            page = await dispatch.GetAssignmentsAsync(handling.TicketId, "CoHandler", pageSize: 200, cancellationToken: cancellationToken);
        }
        catch (Exception exception) when (exception is ApiException or ApiRequestException or HttpRequestException
                                              or TimeoutRejectedException or BrokenCircuitException)
        {
            // Completing without the co-handlers' parts would lose them for good: refuse, and let the office retry.
            logger.LogWarning(exception, "Dispatch could not give the co-handling parts of ticket {TicketId}", handling.TicketId);
            throw new DomainRuleException("Co-handling parts unavailable",
                "The co-handling offices' parts could not be read from dispatch just now; try completing again shortly.", 503);
        }
        return page.Items
            .Where(a => a.LeadAssignmentId == handling.AssignmentId && !Ended.Contains(a.Status))
            .OrderBy(a => a.OfficeCode, StringComparer.Ordinal)
            .Select(a => new CoHandlingPart
            {
                AssignmentId = a.Id, OfficeCode = a.OfficeCode, Report = a.Status == "Reported" ? a.Report : null,
                ReportedAt = a.ReportedAt, ReportedBy = a.ReportedBy,
            })
            .ToList();
    }
}
