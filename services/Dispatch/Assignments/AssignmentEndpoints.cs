using Ticketing.BuildingBlocks.Access;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Ticketing.BuildingBlocks.Errors;
using Ticketing.BuildingBlocks.Hosting;
using Ticketing.BuildingBlocks.Validation;
using Ticketing.Contracts;
using Ticketing.Contracts.Events;
using Ticketing.Dispatch.Data;
using Ticketing.Dispatch.Dispatches;
using Ticketing.Dispatch.Offices;

namespace Ticketing.Dispatch.Assignments;

/// <summary>The office signing for its work (签收).</summary>
public sealed record SignForAssignment([property: System.ComponentModel.DataAnnotations.StringLength(40)] string OfficeCode);

public sealed class SignForAssignmentValidator : AbstractValidator<SignForAssignment>
{
    public SignForAssignmentValidator() => RuleFor(r => r.OfficeCode).NotEmpty().MaximumLength(40).SingleLine();
}

/// <summary>
/// The office sending its work back for re-dispatch (退回), saying why: a code from the fixed list (GET /return-reasons;
/// a missing or unknown one is a 400 naming reasonCode) and the office's own words.
/// </summary>
public sealed record ReturnAssignment(
    [property: System.ComponentModel.DataAnnotations.StringLength(40)] string OfficeCode,
    ReturnReason ReasonCode,
    [property: System.ComponentModel.DataAnnotations.StringLength(Assignment.ReasonLength)] string Reason);

public sealed class ReturnAssignmentValidator : AbstractValidator<ReturnAssignment>
{
    public ReturnAssignmentValidator()
    {
        RuleFor(r => r.OfficeCode).NotEmpty().MaximumLength(40).SingleLine();
        RuleFor(r => r.ReasonCode).IsInEnum();
        RuleFor(r => r.Reason).NotEmpty().MaximumLength(Assignment.ReasonLength).MultiLine();
    }
}

/// <summary>A co-handling office's account of its part (协办意见).</summary>
public sealed record ReportPart(
    [property: System.ComponentModel.DataAnnotations.StringLength(40)] string OfficeCode,
    [property: System.ComponentModel.DataAnnotations.StringLength(Assignment.ReportLength)] string Report);

public sealed class ReportPartValidator : AbstractValidator<ReportPart>
{
    public ReportPartValidator()
    {
        RuleFor(r => r.OfficeCode).NotEmpty().MaximumLength(40).SingleLine();
        RuleFor(r => r.Report).NotEmpty().MaximumLength(Assignment.ReportLength).MultiLine();
    }
}

public sealed record AssignmentView(Guid Id, Guid DispatchId, Guid TicketId, string Number, Category Category, Urgency Urgency,
    string RegionCode, string OfficeCode, string OfficeName, string RoutingReason, AssignmentStatus Status, DateTimeOffset AssignedAt,
    DateTimeOffset? SignedAt, string? SignedBy, string? ReturnReason, ReturnReason? ReturnReasonCode, DateTimeOffset? ReturnedAt,
    string? ReturnedBy, string? ClosedReason, DateTimeOffset? ClosedAt, AssignmentRole Role, Guid? LeadAssignmentId, string? Report,
    DateTimeOffset? ReportedAt, string? ReportedBy, DateTimeOffset? DueAt, string? DueKind, bool DuePaused);

public static class AssignmentEndpoints
{
    public static IEndpointRouteBuilder MapAssignmentEndpoints(this IEndpointRouteBuilder app)
    {
        // Follow-up reads a lead assignment's co-handling parts with its machine token (the service role).
        var assignments = app.MapGroup("/assignments").WithTags("Assignments").RequireRoles([.. Roles.CallCentre, Roles.Office, Roles.Service]);
        assignments.MapGet("/", List).WithSummary("An office's inbox: its assignments and its sub-offices'. Office staff see their own office's only.");
        assignments.MapGet("/{id:guid}", Get);
        assignments.MapPost("/{id:guid}/sign", SignFor).Validate<SignForAssignment>().RequireRoles(Roles.Office, Roles.Supervisor);
        assignments.MapPost("/{id:guid}/return", Return).Validate<ReturnAssignment>().RequireRoles(Roles.Office, Roles.Supervisor)
            .WithSummary("The office sends the work back with a reason code (GET /return-reasons) and a reason text: the lead's return goes " +
                         "to the dispatchers' queue and ends the co-handlers' parts; a co-handler's return ends only its part.");
        assignments.MapPost("/{id:guid}/report", Report).Validate<ReportPart>().RequireRoles(Roles.Office, Roles.Supervisor)
            .WithSummary("A co-handling office reports its signed-for part (协办意见); the lead office completes the ticket through follow-up.");
        app.MapGet("/return-reasons", () => ReturnReasons.All).WithTags("Assignments")
            .WithSummary("The codes an office returns its work with, and their names, for the console's drop-down. Any signed-in role.");
        return app;
    }

    private static async Task<Page<AssignmentView>> List(HttpContext http, DispatchDbContext db, OfficeDirectory offices, string? office, Guid? ticketId,
        AssignmentStatus? status, AssignmentRole? role, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var query = db.Assignments.AsNoTracking().VisibleTo(http.Caller());
        if (!string.IsNullOrWhiteSpace(office))
        {
            var codes = offices.WithSubOffices(office.Trim()).ToList();
            query = query.Where(a => codes.Contains(a.OfficeCode));
        }
        if (ticketId is not null) query = query.Where(a => a.TicketId == ticketId);
        if (status is not null) query = query.Where(a => a.Status == status);
        if (role is not null) query = query.Where(a => a.Role == role);
        var found = await query.OrderByDescending(a => a.AssignedAt).ToPageAsync(PageRequest.From(page, pageSize), cancellationToken);
        return new Page<AssignmentView>(found.Items.Select(a => View(a, offices)).ToList(), found.PageNumber, found.PageSize, found.Total);
    }

    private static async Task<AssignmentView> Get(Guid id, HttpContext http, DispatchDbContext db, OfficeDirectory offices,
        CancellationToken cancellationToken) =>
        View(await Find(db, id, http.Caller(), cancellationToken), offices);

    private static async Task<AssignmentView> SignFor(Guid id, SignForAssignment request, HttpContext http, DispatchDbContext db,
        OfficeDirectory offices, CancellationToken cancellationToken)
    {
        var office = http.Caller().ActsFor(offices.Require(request.OfficeCode).Code);
        var assignment = await Find(db, id, http.Caller(), cancellationToken);
        assignment.SignFor(office, http.Actor(), db.Clock.GetUtcNow());
        db.Publish(assignment.IsCoHandling
            ? Part(assignment, CoHandlingStep.Signed, null, assignment.SignedBy!)
            : new AssignmentSigned(assignment.TicketId, assignment.Id, assignment.OfficeCode, assignment.SignedBy!));
        await db.SaveChangesAsync(cancellationToken);
        return View(assignment, offices);
    }

    private static async Task<AssignmentView> Return(Guid id, ReturnAssignment request, HttpContext http, DispatchDbContext db,
        OfficeDirectory offices, CancellationToken cancellationToken)
    {
        var office = http.Caller().ActsFor(offices.Require(request.OfficeCode).Code);
        var assignment = await Find(db, id, http.Caller(), cancellationToken);
        assignment.Return(office, request.ReasonCode, request.Reason, http.Actor(), db.Clock.GetUtcNow());
        if (assignment.IsCoHandling)
            db.Publish(Part(assignment, CoHandlingStep.Returned, $"{assignment.ReturnReasonCode}: {assignment.ReturnReason}", assignment.ReturnedBy!));
        else
        {
            db.Publish(new AssignmentReturned(assignment.TicketId, assignment.Id, assignment.OfficeCode, assignment.ReturnReason!,
                assignment.ReturnedBy!, assignment.ReturnReasonCode));
            db.WithdrawParts(await db.Assignments.Where(a => a.LeadAssignmentId == assignment.Id).ToListAsync(cancellationToken),
                $"The lead office {assignment.OfficeCode} returned the ticket: {assignment.ReturnReason}");
        }
        await db.SaveChangesAsync(cancellationToken);
        return View(assignment, offices);
    }

    private static async Task<AssignmentView> Report(Guid id, ReportPart request, HttpContext http, DispatchDbContext db,
        OfficeDirectory offices, CancellationToken cancellationToken)
    {
        var office = http.Caller().ActsFor(offices.Require(request.OfficeCode).Code);
        var assignment = await Find(db, id, http.Caller(), cancellationToken);
        assignment.ReportPart(office, request.Report, http.Actor(), db.Clock.GetUtcNow());
        db.Publish(Part(assignment, CoHandlingStep.Reported, assignment.Report, assignment.ReportedBy!));
        await db.SaveChangesAsync(cancellationToken);
        return View(assignment, offices);
    }

    private static CoHandlingUpdated Part(Assignment part, CoHandlingStep step, string? text, string by) =>
        new(part.TicketId, part.Id, part.LeadAssignmentId!.Value, part.OfficeCode, step, text, by);

    /// <summary>Another office's assignment is answered as if it did not exist.</summary>
    private static async Task<Assignment> Find(DispatchDbContext db, Guid id, Caller caller, CancellationToken cancellationToken) =>
        await db.Assignments.FirstOrDefaultAsync(a => a.Id == id, cancellationToken) is { } found && caller.Sees(found.OfficeCode)
            ? found
            : throw new NotFoundException("Assignment", id);

    /// <summary>The one view of an assignment, in every list and answer (an office's inbox too).</summary>
    internal static AssignmentView View(Assignment a, OfficeDirectory offices) => new(a.Id, a.DispatchId, a.TicketId, a.Number, a.Category,
        a.Urgency, a.RegionCode, a.OfficeCode, offices.Find(a.OfficeCode)?.Name ?? a.OfficeCode, a.RoutingReason, a.Status, a.AssignedAt,
        a.SignedAt, a.SignedBy, a.ReturnReason, a.ReturnReasonCode, a.ReturnedAt, a.ReturnedBy, a.ClosedReason, a.ClosedAt, a.Role,
        a.LeadAssignmentId, a.Report, a.ReportedAt, a.ReportedBy, a.DueAt, a.DueKind, a.DuePaused);
}
