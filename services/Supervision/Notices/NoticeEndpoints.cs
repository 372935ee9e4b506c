using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Ticketing.BuildingBlocks.Access;
using Ticketing.BuildingBlocks.Errors;
using Ticketing.BuildingBlocks.Hosting;
using Ticketing.BuildingBlocks.Validation;
using Ticketing.Contracts.Events;
using Ticketing.Supervision.Data;

namespace Ticketing.Supervision.Notices;

public sealed record NoticeView(Guid Id, Guid ClockId, Guid WorkItemId, Guid TicketId, string Number, string OfficeCode, string? ParentOfficeCode,
    int Level, NoticeStatus Status, bool SpecialistsNotified, DateTimeOffset Deadline, DateTimeOffset IssuedAt, DateTimeOffset? AcknowledgedAt,
    string? AcknowledgedBy, string? AcknowledgementNote, DateTimeOffset? ClosedAt, string? ClosedReason)
{
    public static readonly System.Linq.Expressions.Expression<Func<SupervisionNotice, NoticeView>> Of = n => new NoticeView(n.Id, n.ClockId,
        n.WorkItemId, n.TicketId, n.Number, n.OfficeCode, n.ParentOfficeCode, n.Level, n.Status, n.Level == SupervisionNotice.LastLevel, n.Deadline,
        n.IssuedAt, n.AcknowledgedAt, n.AcknowledgedBy, n.AcknowledgementNote, n.ClosedAt, n.ClosedReason);
}

public sealed record AcknowledgeNotice(string? Note = null);

public sealed class AcknowledgeNoticeValidator : AbstractValidator<AcknowledgeNotice>
{
    public AcknowledgeNoticeValidator() => RuleFor(r => r.Note).MaximumLength(500).MultiLine();
}

public static class NoticeEndpoints
{
    public static IEndpointRouteBuilder MapNoticeEndpoints(this IEndpointRouteBuilder app)
    {
        var notices = app.MapGroup("/notices").WithTags("Supervision notices").RequireRoles([.. Roles.CallCentre, Roles.Office]);
        notices.MapGet("/", List).ProducesProblem(StatusCodes.Status422UnprocessableEntity).WithSummary("督办单, newest first: filter by status (Open, Acknowledged, Closed), level (1–3), acknowledged, office, " +
                                              "ticketId. Offices see their own.");
        notices.MapPost("/{id:guid}/acknowledge", Acknowledge).Validate<AcknowledgeNotice>().RequireRoles(Roles.Office, Roles.Supervisor)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("The office acknowledges a notice (its own office's only; supervisors too); on the ticket's timeline. 409 unless open.");
        return app;
    }

    private static async Task<Page<NoticeView>> List(HttpContext http, SupervisionDbContext db, NoticeStatus? status, int? level, bool? acknowledged,
        string? office, Guid? ticketId, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        if (level is < 1 or > SupervisionNotice.LastLevel)
            throw new DomainRuleException("Level out of range", $"A notice's level is 1 to {SupervisionNotice.LastLevel}.", StatusCodes.Status422UnprocessableEntity);
        var query = db.Notices.AsNoTracking().VisibleTo(http.Caller());
        if (status is not null) query = query.Where(n => n.Status == status);
        if (level is not null) query = query.Where(n => n.Level == level);
        if (acknowledged is not null) query = query.Where(n => (n.AcknowledgedAt != null) == acknowledged);
        if (!string.IsNullOrWhiteSpace(office)) query = query.Where(n => n.OfficeCode == office.Trim());
        if (ticketId is not null) query = query.Where(n => n.TicketId == ticketId);
        return await query.OrderByDescending(n => n.IssuedAt).Select(NoticeView.Of).ToPageAsync(PageRequest.From(page, pageSize), cancellationToken);
    }

    private static async Task<NoticeView> Acknowledge(Guid id, AcknowledgeNotice request, HttpContext http, SupervisionDbContext db,
        CancellationToken cancellationToken)
    {
        var notice = await db.Notices.FirstOrDefaultAsync(n => n.Id == id, cancellationToken) ?? throw new NotFoundException("Notice", id);
        if (!http.Caller().Sees(notice.OfficeCode)) throw new NotFoundException("Notice", id);
        http.Caller().ActsFor(notice.OfficeCode);
        notice.Acknowledge(http.Actor(), request.Note?.Trim() ?? "", db.Clock.GetUtcNow());
        db.Publish(new SupervisionNoticeAcknowledged(notice.TicketId, notice.Id, notice.OfficeCode, notice.Level, notice.AcknowledgementNote ?? "",
            notice.AcknowledgedBy!));
        await db.SaveChangesAsync(cancellationToken);
        return NoticeView.Of.Compile()(notice);
    }
}
