using Ticketing.BuildingBlocks.Access;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Refit;
using Ticketing.BuildingBlocks.Errors;
using Ticketing.BuildingBlocks.Hosting;
using Ticketing.BuildingBlocks.Validation;
using Ticketing.Callback.Data;
using Ticketing.Contracts;
using Ticketing.Contracts.Events;
using Ticketing.Contracts.Queries;

namespace Ticketing.Callback.Tasks;

/// <summary>
/// What the customer said on the callback: resolved or not, the satisfaction survey (overall, and attitude, speed and
/// result on 1–5, each optional) and a comment. It goes to the survey; unsatisfied reopens the ticket.
/// </summary>
public sealed record RecordCallbackOutcome(
    bool Resolved, Satisfaction Satisfaction, [property: System.ComponentModel.DataAnnotations.StringLength(2000)] string? Comment = null,
    int? AttitudeScore = null, int? SpeedScore = null, int? ResultScore = null);

public sealed class RecordCallbackOutcomeValidator : AbstractValidator<RecordCallbackOutcome>
{
    public RecordCallbackOutcomeValidator()
    {
        RuleFor(r => r.Satisfaction).IsInEnum();
        RuleFor(r => r.Comment).MaximumLength(2000).MultiLine();
        RuleFor(r => r.AttitudeScore).InclusiveBetween(1, 5);
        RuleFor(r => r.SpeedScore).InclusiveBetween(1, 5);
        RuleFor(r => r.ResultScore).InclusiveBetween(1, 5);
    }
}

/// <summary>The customer could not be reached on this call: how (NoAnswer, Busy, WrongNumber) and what the agent noted.</summary>
public sealed record RecordFailedAttempt(
    CallResult Result, [property: System.ComponentModel.DataAnnotations.StringLength(CallbackTask.NoteLength)] string? Note = null);

public sealed class RecordFailedAttemptValidator : AbstractValidator<RecordFailedAttempt>
{
    public RecordFailedAttemptValidator()
    {
        RuleFor(r => r.Result).IsInEnum().NotEqual(CallResult.Reached).WithMessage("A call that reached the customer is recorded as the outcome.");
        RuleFor(r => r.Note).MaximumLength(CallbackTask.NoteLength).MultiLine();
    }
}

/// <summary>A task with what the agent needs on the call: the caller and the ticket, read from intake.</summary>
public sealed record CallbackTaskDetail(CallbackTask Task, TicketSummary? Ticket, string? TicketUnavailableReason);

public static class TaskEndpoints
{
    public static IEndpointRouteBuilder MapTaskEndpoints(this IEndpointRouteBuilder app)
    {
        // The agent on the callback dials the caller: tasks show the whole number, so only the call centre reads them.
        var tasks = app.MapGroup("/tasks").WithTags("Callback tasks").RequireRoles(Roles.Agent, Roles.Specialist, Roles.Supervisor);
        tasks.MapGet("/", List).WithSummary("The callback queue, soonest due first; claimable=true leaves out tasks another agent holds.");
        tasks.MapGet("/{id:guid}", Get);
        tasks.MapPost("/{id:guid}/outcome", RecordOutcome).Validate<RecordCallbackOutcome>().RequireRoles(Roles.Agent, Roles.Supervisor)
            .WithSummary("What the customer said; 409 unless the task is open.");
        tasks.MapPost("/{id:guid}/attempts", RecordAttempt).Validate<RecordFailedAttempt>().RequireRoles(Roles.Agent, Roles.Supervisor)
            .WithSummary("The customer could not be reached (NoAnswer, Busy, WrongNumber); the task stays open until the workflow closes it. " +
                         "A failed call counts toward unreachable only 2 hours after the last counted one. 409 unless open or while another agent holds it.");
        tasks.MapPost("/{id:guid}/claim", Claim).RequireRoles(Roles.Agent, Roles.Supervisor)
            .WithSummary("领取: the agent takes the task; the claim lapses after 30 minutes unless worked. 409 while another agent holds it.");
        tasks.MapPost("/{id:guid}/release", Release).RequireRoles(Roles.Agent, Roles.Supervisor)
            .WithSummary("The agent puts the task back in the queue; a supervisor may release anyone's claim.");
        return app;
    }

    private static async Task<Page<CallbackTask>> List(CallbackDbContext db, CallbackTaskStatus? status, Guid? ticketId, bool? claimable,
        HttpContext http, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var query = db.Tasks.AsNoTracking();
        if (claimable == true)
        {
            var (agent, now) = (http.Actor(), db.Clock.GetUtcNow());
            query = query.Where(t => t.Status == CallbackTaskStatus.Open && (t.ClaimedBy == null || t.ClaimedBy == agent || t.ClaimExpiresAt <= now));
        }
        if (status is not null) query = query.Where(t => t.Status == status);
        if (ticketId is not null) query = query.Where(t => t.TicketId == ticketId);
        return await query.OrderBy(t => t.DueAt).ThenBy(t => t.CreatedAt).ToPageAsync(PageRequest.From(page, pageSize), cancellationToken);
    }

    private static async Task<CallbackTaskDetail> Get(Guid id, CallbackDbContext db, IIntakeApi intake, ILogger<CallbackTaskDetail> logger,
        CancellationToken cancellationToken)
    {
        var task = await db.Tasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, cancellationToken)
                   ?? throw new NotFoundException("Callback task", id);
        try
        {
            return new CallbackTaskDetail(task, await intake.GetTicketAsync(task.TicketId, cancellationToken), null);
        }
        catch (Exception exception) when (exception is ApiException or ApiRequestException or HttpRequestException
                                              or TimeoutRejectedException or BrokenCircuitException)
        {
            // The queue stays usable while intake is away; the agent sees why the caller's details are missing.
            logger.LogWarning(exception, "Intake could not give ticket {TicketId}", task.TicketId);
            return new CallbackTaskDetail(task, null, "The ticket's details are unavailable right now; try again shortly.");
        }
    }

    private static async Task<CallbackTask> RecordOutcome(Guid id, RecordCallbackOutcome request, HttpContext http, CallbackDbContext db,
        CancellationToken cancellationToken)
    {
        var task = await db.Tasks.FirstOrDefaultAsync(t => t.Id == id, cancellationToken) ?? throw new NotFoundException("Callback task", id);
        task.RecordOutcome(request.Resolved, request.Satisfaction, request.Comment, http.Actor(), db.Clock.GetUtcNow(),
            overrides: http.Caller().IsIn(Roles.Supervisor));
        db.Publish(new CallbackCompleted(task.TicketId, task.Id, request.Resolved, request.Satisfaction, task.Comment ?? "", task.AgentId!,
            request.AttitudeScore, request.SpeedScore, request.ResultScore));
        await db.SaveChangesAsync(cancellationToken);
        return task;
    }

    private static async Task<CallbackTask> RecordAttempt(Guid id, RecordFailedAttempt request, HttpContext http, CallbackDbContext db,
        IOptions<CallbackRules> rules, CancellationToken cancellationToken)
    {
        var task = await db.Tasks.FirstOrDefaultAsync(t => t.Id == id, cancellationToken) ?? throw new NotFoundException("Callback task", id);
        // Only a counted call moves the workflow toward "unreachable"; the others stay on the task's record of calls.
        if (task.RecordFailedAttempt(request.Result, request.Note, http.Actor(), db.Clock.GetUtcNow(), rules.Value,
                overrides: http.Caller().IsIn(Roles.Supervisor)))
            db.Publish(new CallbackFailed(task.TicketId, task.Id, task.Attempts, $"{request.Result}: {task.LastAttemptNote}", http.Actor()));
        await db.SaveChangesAsync(cancellationToken);
        return task;
    }

    private static async Task<CallbackTask> Claim(Guid id, HttpContext http, CallbackDbContext db, IOptions<CallbackRules> rules,
        CancellationToken cancellationToken)
    {
        var task = await db.Tasks.FirstOrDefaultAsync(t => t.Id == id, cancellationToken) ?? throw new NotFoundException("Callback task", id);
        task.Claim(http.Actor(), db.Clock.GetUtcNow(), rules.Value);
        await db.SaveChangesAsync(cancellationToken); // two agents claiming at once: the task's version lets one win
        return task;
    }

    private static async Task<CallbackTask> Release(Guid id, HttpContext http, CallbackDbContext db, CancellationToken cancellationToken)
    {
        var task = await db.Tasks.FirstOrDefaultAsync(t => t.Id == id, cancellationToken) ?? throw new NotFoundException("Callback task", id);
        task.Release(http.Actor(), overrides: http.Caller().IsIn(Roles.Supervisor), db.Clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return task;
    }
}
