using Ticketing.BuildingBlocks.Access;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
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

/// <summary>What the customer said on the callback.</summary>
public sealed record RecordCallbackOutcome(
    bool Resolved, Satisfaction Satisfaction, [property: System.ComponentModel.DataAnnotations.StringLength(2000)] string? Comment = null);

public sealed class RecordCallbackOutcomeValidator : AbstractValidator<RecordCallbackOutcome>
{
    public RecordCallbackOutcomeValidator()
    {
        RuleFor(r => r.Satisfaction).IsInEnum();
        RuleFor(r => r.Comment).MaximumLength(2000).MultiLine();
    }
}

/// <summary>The customer could not be reached on this call: what the agent found (no answer, wrong number, call back after six…).</summary>
public sealed record RecordFailedAttempt([property: System.ComponentModel.DataAnnotations.StringLength(CallbackTask.NoteLength)] string Note);

public sealed class RecordFailedAttemptValidator : AbstractValidator<RecordFailedAttempt>
{
    public RecordFailedAttemptValidator()
    {
        RuleFor(r => r.Note).NotEmpty().MaximumLength(CallbackTask.NoteLength).MultiLine();
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
        tasks.MapGet("/", List).WithSummary("The callback queue, soonest due first.");
        tasks.MapGet("/{id:guid}", Get);
        tasks.MapPost("/{id:guid}/outcome", RecordOutcome).Validate<RecordCallbackOutcome>().RequireRoles(Roles.Agent, Roles.Supervisor)
            .WithSummary("What the customer said; 409 unless the task is open.");
        tasks.MapPost("/{id:guid}/attempts", RecordAttempt).Validate<RecordFailedAttempt>().RequireRoles(Roles.Agent, Roles.Supervisor)
            .WithSummary("The customer could not be reached; the task stays open until the workflow closes it. 409 unless open.");
        return app;
    }

    private static async Task<Page<CallbackTask>> List(CallbackDbContext db, CallbackTaskStatus? status, Guid? ticketId, int? page,
        int? pageSize, CancellationToken cancellationToken)
    {
        var query = db.Tasks.AsNoTracking();
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
        task.RecordOutcome(request.Resolved, request.Satisfaction, request.Comment, http.Actor(), db.Clock.GetUtcNow());
        db.Publish(new CallbackCompleted(task.TicketId, task.Id, request.Resolved, request.Satisfaction, task.Comment ?? "", task.AgentId!));
        await db.SaveChangesAsync(cancellationToken);
        return task;
    }

    private static async Task<CallbackTask> RecordAttempt(Guid id, RecordFailedAttempt request, HttpContext http, CallbackDbContext db,
        CancellationToken cancellationToken)
    {
        var task = await db.Tasks.FirstOrDefaultAsync(t => t.Id == id, cancellationToken) ?? throw new NotFoundException("Callback task", id);
        var attempt = task.RecordFailedAttempt(request.Note, db.Clock.GetUtcNow());
        db.Publish(new CallbackFailed(task.TicketId, task.Id, attempt, task.LastAttemptNote!, http.Actor()));
        await db.SaveChangesAsync(cancellationToken);
        return task;
    }
}
