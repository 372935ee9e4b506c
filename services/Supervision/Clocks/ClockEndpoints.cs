using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Ticketing.BuildingBlocks.Access;
using Ticketing.BuildingBlocks.Errors;
using Ticketing.BuildingBlocks.Hosting;
using Ticketing.BuildingBlocks.Messaging;
using Ticketing.BuildingBlocks.Validation;
using Ticketing.Contracts;
using Ticketing.Contracts.Events;
using Ticketing.Supervision.Data;
using Ticketing.Supervision.Notices;

namespace Ticketing.Supervision.Clocks;

/// <summary>A clock on one work item: sign-for (an assignment), handling (a case) or callback (a callback task).</summary>
public sealed record ClockView(Guid Id, Guid WorkItemId, Guid TicketId, string Number, string OfficeCode, string Kind, Category? Category,
    Urgency Urgency, ClockStatus Status, ClockStage Stage, bool Paused, DateTimeOffset StartedAt, DateTimeOffset YellowAt, DateTimeOffset RedAt,
    DateTimeOffset Deadline, DateTimeOffset? OriginalDeadline, TimeSpan Allowed, TimeSpan PausedTime, DateTimeOffset? StoppedAt, ClockOutcome? Outcome,
    DateTimeOffset? BreachedAt, int NoticeLevel, string CalendarCode, string TimeZone)
{
    public static readonly System.Linq.Expressions.Expression<Func<SlaClock, ClockView>> Of = c => new ClockView(c.Id, c.WorkItemId, c.TicketId,
        c.Number, c.OfficeCode, c.Kind, c.Category, c.Urgency, c.Status, c.Stage, c.PausedAt != null, c.StartedAt, c.YellowAt, c.RedAt, c.Deadline,
        c.OriginalDeadline, c.Allowed, c.PausedTime, c.StoppedAt, c.Outcome, c.BreachedAt, c.NoticeLevel, c.CalendarCode, c.TimeZone);
}

public sealed record SendReminder(string Text);

public sealed class SendReminderValidator : AbstractValidator<SendReminder>
{
    public SendReminderValidator() => RuleFor(r => r.Text).NotEmpty().MaximumLength(Reminder.TextLength).MultiLine();
}

public sealed record ReminderView(Guid Id, Guid ClockId, Guid TicketId, string OfficeCode, string Text, string SentBy, DateTimeOffset SentAt);

public static class ClockEndpoints
{
    public static IEndpointRouteBuilder MapClockEndpoints(this IEndpointRouteBuilder app)
    {
        var clocks = app.MapGroup("/clocks").WithTags("SLA clocks").RequireRoles([.. Roles.CallCentre, Roles.Office]);
        clocks.MapGet("/", List).WithSummary("Clocks, soonest deadline first; one per work item (sign-for per assignment, handling per case, callback per task).");
        clocks.MapPost("/{id:guid}/reminders", Remind).Validate<SendReminder>().RequireRoles(Roles.Specialist, Roles.Supervisor)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("催办: presses the clock's office by hand (specialist, supervisor); on the ticket's timeline. 409 once the work ended.");

        // The Dapr cron binding "sla-scan" POSTs here on its schedule, with the app token as events carry it.
        app.MapPost("/sla-scan", async (SlaTick tick, CancellationToken cancellationToken) =>
                await tick.RunOnOneInstanceAsync(cancellationToken) is { } result
                    ? Results.Ok(new { result.Warnings, breached = result.Breaches, result.Notices, result.Conflicts })
                    : Results.Ok(new { warnings = 0, breached = 0, notices = 0, conflicts = 0, note = "Another instance holds the tick." }))
            .WithTags("SLA clocks").WithSummary("The SLA tick: announces warnings and breaches that came due and issues or raises supervision notices.")
            .RequireAppToken();
        return app;
    }

    private static async Task<Page<ClockView>> List(HttpContext http, SupervisionDbContext db, Guid? ticketId, Guid? workItemId, string? office,
        ClockStatus? status, string? kind, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var query = db.Clocks.AsNoTracking().VisibleTo(http.Caller());
        if (ticketId is not null) query = query.Where(c => c.TicketId == ticketId);
        if (workItemId is not null) query = query.Where(c => c.WorkItemId == workItemId);
        if (!string.IsNullOrWhiteSpace(office)) query = query.Where(c => c.OfficeCode == office.Trim());
        if (status is not null) query = query.Where(c => c.Status == status);
        if (!string.IsNullOrWhiteSpace(kind)) query = query.Where(c => c.Kind == kind.Trim());
        return await query.OrderBy(c => c.Deadline).Select(ClockView.Of).ToPageAsync(PageRequest.From(page, pageSize), cancellationToken);
    }

    private static async Task<Created<ReminderView>> Remind(Guid id, SendReminder request, HttpContext http, SupervisionDbContext db,
        CancellationToken cancellationToken)
    {
        var clock = await db.Clocks.FirstOrDefaultAsync(c => c.Id == id, cancellationToken) ?? throw new NotFoundException("Clock", id);
        if (clock.IsStopped)
            throw new DomainRuleException("Work ended", $"The {clock.Kind} work of clock {id} ended at {clock.StoppedAt:u}; there is nothing to press for.");
        var reminder = Reminder.Send(clock.Id, clock.TicketId, clock.OfficeCode, request.Text.Trim(), http.Actor(), db.Clock.GetUtcNow());
        db.Reminders.Add(reminder);
        db.Publish(new SupervisionReminderSent(clock.TicketId, reminder.Id, clock.WorkItemId, clock.OfficeCode, reminder.Text, reminder.SentBy));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/clocks/{id}/reminders/{reminder.Id}",
            new ReminderView(reminder.Id, reminder.ClockId, reminder.TicketId, reminder.OfficeCode, reminder.Text, reminder.SentBy, reminder.SentAt));
    }
}
