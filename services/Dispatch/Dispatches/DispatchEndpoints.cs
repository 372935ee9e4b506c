using Ticketing.BuildingBlocks.Access;
using System.ComponentModel.DataAnnotations;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Ticketing.BuildingBlocks.Errors;
using Ticketing.BuildingBlocks.Hosting;
using Ticketing.BuildingBlocks.Validation;
using Ticketing.Contracts;
using Ticketing.Dispatch.Data;
using Ticketing.Dispatch.Offices;
using Ticketing.Dispatch.Routing;

namespace Ticketing.Dispatch.Dispatches;

/// <summary>A dispatcher sends a queued ticket to the lead office they choose, with co-handling offices if any (派单 by hand).</summary>
public sealed record AssignDispatch([property: StringLength(40)] string OfficeCode, IReadOnlyList<string>? CoHandlingOffices = null);

public sealed class AssignDispatchValidator : AbstractValidator<AssignDispatch>
{
    public AssignDispatchValidator()
    {
        RuleFor(r => r.OfficeCode).NotEmpty().MaximumLength(40).SingleLine();
        RuleFor(r => r.CoHandlingOffices).Must(c => c is null || c.Count <= RoutingRule.MaxCoHandlers)
            .WithLocalisedMessage("'{PropertyName}' may name at most 5 offices.");
        RuleForEach(r => r.CoHandlingOffices).NotEmpty().MaximumLength(40).SingleLine();
    }
}

public sealed record DispatchView(Guid Id, Guid TicketId, string Number, Category Category, string? SubCategory, Urgency Urgency,
    string RegionCode, string? DirectedOfficeCode, bool ByHand, string? Reason, string? WaitingReason, DispatchStatus Status,
    DateTimeOffset RequestedAt, Guid? AssignmentId, string? AssignedBy, string? ClosedReason, DateTimeOffset? ClosedAt);

public static class DispatchEndpoints
{
    public static IEndpointRouteBuilder MapDispatchEndpoints(this IEndpointRouteBuilder app)
    {
        var dispatches = app.MapGroup("/dispatches").WithTags("Dispatch queue").RequireRoles(Roles.Dispatcher, Roles.Specialist, Roles.Supervisor, Roles.Admin);
        dispatches.MapGet("/", List).WithSummary("Dispatch requests, oldest first: with status=Queued, the dispatchers' queue.");
        dispatches.MapGet("/{id:guid}", Get);
        dispatches.MapPost("/{id:guid}/assign", Assign).Validate<AssignDispatch>().RequireRoles(Roles.Dispatcher, Roles.Supervisor)
            .WithSummary("A dispatcher assigns a queued request to the office they choose.");
        return app;
    }

    private static async Task<Page<DispatchView>> List(DispatchDbContext db, DispatchStatus? status, Guid? ticketId, int? page, int? pageSize,
        CancellationToken cancellationToken)
    {
        var query = db.DispatchRequests.AsNoTracking();
        if (status is not null) query = query.Where(d => d.Status == status);
        if (ticketId is not null) query = query.Where(d => d.TicketId == ticketId);
        var found = await query.OrderBy(d => d.RequestedAt).ToPageAsync(PageRequest.From(page, pageSize), cancellationToken);
        return new Page<DispatchView>(found.Items.Select(View).ToList(), found.PageNumber, found.PageSize, found.Total);
    }

    private static async Task<DispatchView> Get(Guid id, DispatchDbContext db, CancellationToken cancellationToken) =>
        View(await Find(db, id, cancellationToken));

    private static async Task<DispatchView> Assign(Guid id, AssignDispatch request, HttpContext http, DispatchDbContext db,
        OfficeDirectory offices, CancellationToken cancellationToken)
    {
        var dispatch = await Find(db, id, cancellationToken);
        var office = offices.Require(request.OfficeCode);
        var coHandlers = (request.CoHandlingOffices ?? []).Select(offices.Require).DistinctBy(o => o.Code).ToList();
        if (coHandlers.Any(o => o.Code == office.Code))
            throw new DomainRuleException("Lead cannot co-handle", $"{office.Code} leads the ticket; name it once, as the lead office.", 422);
        var user = http.Actor();
        var why = dispatch.Reason is null ? $"Dispatched by hand by {user}" : $"Dispatched by hand by {user} after: {dispatch.Reason}";
        db.AssignTo(dispatch, office, coHandlers, why, user);
        await db.SaveChangesAsync(cancellationToken);
        return View(dispatch);
    }

    private static async Task<DispatchRequest> Find(DispatchDbContext db, Guid id, CancellationToken cancellationToken) =>
        await db.DispatchRequests.FirstOrDefaultAsync(d => d.Id == id, cancellationToken) ?? throw new NotFoundException("Dispatch request", id);

    private static DispatchView View(DispatchRequest d) => new(d.Id, d.TicketId, d.Number, d.Category, d.SubCategory, d.Urgency, d.RegionCode,
        d.DirectedOfficeCode, d.ByHand, d.Reason, d.WaitingReason, d.Status, d.RequestedAt, d.AssignmentId, d.AssignedBy, d.ClosedReason, d.ClosedAt);
}
