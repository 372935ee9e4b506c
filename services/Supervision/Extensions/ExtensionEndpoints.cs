using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Ticketing.BuildingBlocks.Access;
using Ticketing.BuildingBlocks.Errors;
using Ticketing.BuildingBlocks.Hosting;
using Ticketing.BuildingBlocks.Validation;
using Ticketing.Contracts.Events;
using Ticketing.Supervision.Clocks;
using Ticketing.Supervision.Data;

namespace Ticketing.Supervision.Extensions;

public sealed record ExtensionView(Guid Id, Guid ClockId, Guid WorkItemId, Guid TicketId, string OfficeCode, DateTimeOffset DeadlineThen,
    DateTimeOffset WantedDeadline, string Reason, string RequestedBy, DateTimeOffset RequestedAt, ExtensionStatus Status,
    DateTimeOffset? ApprovedDeadline, string? DecisionNote, string? DecidedBy, DateTimeOffset? DecidedAt)
{
    public static readonly System.Linq.Expressions.Expression<Func<ExtensionRequest, ExtensionView>> Of = e => new ExtensionView(e.Id, e.ClockId,
        e.WorkItemId, e.TicketId, e.OfficeCode, e.DeadlineThen, e.WantedDeadline, e.Reason, e.RequestedBy, e.RequestedAt, e.Status,
        e.ApprovedDeadline, e.DecisionNote, e.DecidedBy, e.DecidedAt);
}

/// <summary>Names the clock by its id or by its work item's (the assignment, case or callback task).</summary>
public sealed record FileExtension(DateTimeOffset WantedDeadline, string Reason, Guid? ClockId = null, Guid? WorkItemId = null);

public sealed record ApproveExtension(DateTimeOffset? Deadline = null, string? Note = null);

public sealed record DenyExtension(string Reason);

public sealed class FileExtensionValidator : AbstractValidator<FileExtension>
{
    public FileExtensionValidator()
    {
        RuleFor(r => r).Must(r => r.ClockId is not null ^ r.WorkItemId is not null).WithName("clockId")
            .WithMessage("Name the clock by 'clockId' or by its 'workItemId' (one of the two).");
        RuleFor(r => r.WantedDeadline).NotEmpty();
        RuleFor(r => r.Reason).NotEmpty().MaximumLength(ExtensionRequest.ReasonLength).MultiLine();
    }
}

public sealed class ApproveExtensionValidator : AbstractValidator<ApproveExtension>
{
    public ApproveExtensionValidator() => RuleFor(r => r.Note).MaximumLength(ExtensionRequest.ReasonLength).MultiLine();
}

public sealed class DenyExtensionValidator : AbstractValidator<DenyExtension>
{
    public DenyExtensionValidator() => RuleFor(r => r.Reason).NotEmpty().MaximumLength(ExtensionRequest.ReasonLength).MultiLine();
}

public static class ExtensionEndpoints
{
    public static IEndpointRouteBuilder MapExtensionEndpoints(this IEndpointRouteBuilder app)
    {
        var extensions = app.MapGroup("/extensions").WithTags("Extensions").RequireRoles([.. Roles.CallCentre, Roles.Office])
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        extensions.MapGet("/", List).WithSummary("Extension requests, oldest first; status=Pending for the supervisors' queue. Offices see their own.");
        extensions.MapPost("/", File).Validate<FileExtension>().RequireRoles(Roles.Office, Roles.Supervisor)
            .WithSummary("延期申请: the office asks for a later deadline (its own clocks only) with a reason, before the deadline: after it 422; " +
                         "a wanted deadline not later than the current one 422; a stopped clock or a request already pending 409.");
        extensions.MapPost("/{id:guid}/approve", Approve).Validate<ApproveExtension>().RequireRoles(Roles.Supervisor)
            .WithSummary("Approves (supervisor) with the deadline given, or the one wanted: the clock's deadline moves, the original is kept.");
        extensions.MapPost("/{id:guid}/deny", Deny).Validate<DenyExtension>().RequireRoles(Roles.Supervisor)
            .WithSummary("Denies (supervisor) with a reason; the deadline stays.");
        return app;
    }

    private static async Task<Page<ExtensionView>> List(HttpContext http, SupervisionDbContext db, ExtensionStatus? status, string? office,
        Guid? ticketId, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var query = db.Extensions.AsNoTracking().VisibleTo(http.Caller());
        if (status is not null) query = query.Where(e => e.Status == status);
        if (!string.IsNullOrWhiteSpace(office)) query = query.Where(e => e.OfficeCode == office.Trim());
        if (ticketId is not null) query = query.Where(e => e.TicketId == ticketId);
        return await query.OrderBy(e => e.RequestedAt).Select(ExtensionView.Of).ToPageAsync(PageRequest.From(page, pageSize), cancellationToken);
    }

    private static async Task<Created<ExtensionView>> File(FileExtension request, HttpContext http, SupervisionDbContext db,
        CancellationToken cancellationToken)
    {
        var clock = await db.Clocks.FirstOrDefaultAsync(c => c.Id == request.ClockId || c.WorkItemId == request.WorkItemId, cancellationToken);
        if (clock is null || !http.Caller().Sees(clock.OfficeCode)) throw new NotFoundException("Clock", request.ClockId ?? request.WorkItemId!);
        http.Caller().ActsFor(clock.OfficeCode);
        var now = db.Clock.GetUtcNow();
        if (clock.IsStopped)
            throw new DomainRuleException("Work ended", $"The {clock.Kind} work ended at {clock.StoppedAt:u}; its deadline cannot move any more.");
        if (now >= clock.Deadline || clock.Status == ClockStatus.Breached)
            throw new DomainRuleException("Deadline passed",
                $"The deadline {clock.Deadline:u} has passed; an extension is asked for before it.", StatusCodes.Status422UnprocessableEntity);
        if (request.WantedDeadline <= clock.Deadline)
            throw new DomainRuleException("Deadline not later",
                $"The wanted deadline {request.WantedDeadline:u} is not later than the current {clock.Deadline:u}.", StatusCodes.Status422UnprocessableEntity);
        if (await db.Extensions.AnyAsync(e => e.ClockId == clock.Id && e.Status == ExtensionStatus.Pending, cancellationToken))
            throw new DomainRuleException("Request pending", "This clock has an extension request waiting for a supervisor already.");
        var extension = ExtensionRequest.File(clock.Id, clock.WorkItemId, clock.TicketId, clock.OfficeCode, clock.Deadline, request.WantedDeadline,
            request.Reason.Trim(), http.Actor(), now);
        db.Extensions.Add(extension);
        db.Publish(new SlaExtensionRequested(clock.TicketId, extension.Id, clock.WorkItemId, clock.OfficeCode, clock.Deadline, extension.WantedDeadline,
            extension.Reason, extension.RequestedBy));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/extensions/{extension.Id}", ExtensionView.Of.Compile()(extension));
    }

    private static async Task<ExtensionView> Approve(Guid id, ApproveExtension request, HttpContext http, SupervisionDbContext db,
        ClockCalendars calendars, ClockKeeper keeper, CancellationToken cancellationToken)
    {
        var (extension, clock) = await FindAsync(db, id, cancellationToken);
        var now = db.Clock.GetUtcNow();
        if (clock.IsStopped)
            throw new DomainRuleException("Work ended", $"The {clock.Kind} work ended at {clock.StoppedAt:u}; deny the request instead.");
        var deadline = request.Deadline ?? extension.WantedDeadline;
        if (deadline <= now)
            throw new DomainRuleException("Deadline passed", $"{deadline:u} has passed already.", StatusCodes.Status422UnprocessableEntity);
        extension.Approve(deadline, request.Note?.Trim() ?? "", http.Actor(), now);
        var (before, shown) = (clock.Deadline, clock.ShownDeadline());
        if (clock.Extend(deadline, now, await calendars.ForClockAsync(db, clock, cancellationToken)))
        {
            db.Publish(new SlaBreachWithdrawn(clock.TicketId, clock.WorkItemId, clock.OfficeCode, clock.Kind, before,
                $"An extension requested in time moved the deadline to {deadline:u}."));
            await keeper.CloseNoticesAsync(clock, "breach withdrawn: deadline extended", cancellationToken);
        }
        db.Publish(new SlaExtensionDecided(clock.TicketId, extension.Id, clock.WorkItemId, clock.OfficeCode, true, clock.OriginalDeadline ?? before,
            deadline, extension.DecisionNote!, extension.DecidedBy!));
        keeper.AnnounceDeadline(clock, shown);
        await db.SaveChangesAsync(cancellationToken);
        return ExtensionView.Of.Compile()(extension);
    }

    private static async Task<ExtensionView> Deny(Guid id, DenyExtension request, HttpContext http, SupervisionDbContext db,
        CancellationToken cancellationToken)
    {
        var (extension, clock) = await FindAsync(db, id, cancellationToken);
        extension.Deny(request.Reason.Trim(), http.Actor(), db.Clock.GetUtcNow());
        db.Publish(new SlaExtensionDecided(clock.TicketId, extension.Id, clock.WorkItemId, clock.OfficeCode, false, clock.OriginalDeadline ?? clock.Deadline,
            null, extension.DecisionNote!, extension.DecidedBy!));
        await db.SaveChangesAsync(cancellationToken);
        return ExtensionView.Of.Compile()(extension);
    }

    private static async Task<(ExtensionRequest, SlaClock)> FindAsync(SupervisionDbContext db, Guid id, CancellationToken cancellationToken)
    {
        var extension = await db.Extensions.FirstOrDefaultAsync(e => e.Id == id, cancellationToken) ?? throw new NotFoundException("Extension request", id);
        var clock = await db.Clocks.FirstAsync(c => c.Id == extension.ClockId, cancellationToken);
        return (extension, clock);
    }
}
