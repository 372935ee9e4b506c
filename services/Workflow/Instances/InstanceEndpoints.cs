using Ticketing.BuildingBlocks.Access;
using System.ComponentModel.DataAnnotations;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Ticketing.BuildingBlocks.Data;
using Ticketing.BuildingBlocks.Errors;
using Ticketing.BuildingBlocks.Hosting;
using Ticketing.BuildingBlocks.Localization;
using Ticketing.BuildingBlocks.Validation;
using Ticketing.Contracts;
using Ticketing.Workflow.Data;
using Ticketing.Workflow.Lifecycle;

namespace Ticketing.Workflow.Instances;

public sealed record InstanceSummary(Guid TicketId, string Number, TicketState State, string DefinitionName, int DefinitionVersion,
    string? OfficeCode, Urgency Urgency, int ReopenCount, int ReturnCount, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record DefinitionRef(string Name, int Version);

public sealed record InstanceCounters(int Returns, int Reopens, int Escalations);

public sealed record WorkItemView(Guid Id, WorkItemKind Kind, WorkItemStatus Status, TicketState OpenedIn, string? OfficeCode, bool ByHand,
    string? Note, DateTimeOffset OpenedAt, DateTimeOffset? DueAt, DateTimeOffset? ClosedAt, string? ClosedReason);

public sealed record InstanceDetail(Guid TicketId, string Number, TicketState State, DefinitionRef Definition, Category Category,
    Urgency Urgency, string? OfficeCode, InstanceCounters Counters, int ReopenCount, Guid? MergedInto,
    IReadOnlyList<string> PermittedTriggers, IReadOnlyList<WorkItemView> WorkItems, IReadOnlyList<TimelineEntry> Timeline,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>
/// What a person's trigger brings: always a reason where the definition asks for one; the office for a
/// reassignment; the primary ticket for a merge.
/// </summary>
public sealed record TriggerRequest(
    [property: StringLength(500)] string? Reason = null,
    [property: StringLength(40)] string? OfficeCode = null,
    Guid? PrimaryTicketId = null);

public sealed class TriggerRequestValidator : AbstractValidator<TriggerRequest>
{
    public TriggerRequestValidator()
    {
        RuleFor(r => r.Reason).MaximumLength(500).MultiLine();
        RuleFor(r => r.OfficeCode).MaximumLength(40).Matches("^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$")
            .WithLocalisedMessage("'{PropertyName}' must be an office code such as SFS-DC-DH.");
        RuleFor(r => r.PrimaryTicketId).NotEqual(Guid.Empty);
    }
}

public static class InstanceEndpoints
{
    /// <summary>A client's id for a command it may send again (eShop's x-requestid): the second send changes nothing.</summary>
    public const string RequestIdHeader = "x-requestid";

    public static IEndpointRouteBuilder MapInstanceEndpoints(this IEndpointRouteBuilder app)
    {
        var instances = app.MapGroup("/instances").WithTags("Lifecycle instances");
        instances.MapGet("/", List);
        instances.MapGet("/{ticketId:guid}", Get)
            .WithSummary("The ticket's lifecycle: state, definition, counters, open work items, what the caller may do now, and the timeline.");
        instances.MapGet("/{ticketId:guid}/timeline", Timeline).WithSummary("The ticket's timeline, oldest first, a page at a time.");
        instances.MapPost("/{ticketId:guid}/triggers/{trigger}", Fire).Validate<TriggerRequest>()
            .WithSummary("Pulls a trigger that belongs to no stage service: escalate, close early, merge, reassign, review and supervisor decisions.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return app;
    }

    private static async Task<Page<InstanceSummary>> List(HttpContext http, WorkflowDbContext db, TicketState? state, string? office, int? page, int? pageSize,
        CancellationToken cancellationToken)
    {
        var query = db.Instances.AsNoTracking().VisibleTo(http.Caller());
        if (state is not null) query = query.Where(i => i.State == state);
        if (!string.IsNullOrWhiteSpace(office)) query = query.Where(i => i.OfficeCode == office.Trim());
        return await query.OrderByDescending(i => i.UpdatedAt)
            .Select(i => new InstanceSummary(i.TicketId, i.Number, i.State, i.DefinitionName, i.DefinitionVersion, i.OfficeCode, i.Urgency,
                i.Reopens, i.Returns, i.CreatedAt, i.UpdatedAt))
            .ToPageAsync(PageRequest.From(page, pageSize), cancellationToken);
    }

    private static async Task<InstanceDetail> Get(Guid ticketId, HttpContext http, LifecycleSteps steps, CancellationToken cancellationToken) =>
        await DetailAsync(await Find(steps, ticketId, http.Caller(), cancellationToken), steps, http.Role(), cancellationToken);

    private static async Task<Page<TimelineEntry>> Timeline(Guid ticketId, HttpContext http, WorkflowDbContext db, int? page, int? pageSize,
        CancellationToken cancellationToken)
    {
        var paging = PageRequest.From(page, pageSize);
        if (!await db.Instances.VisibleTo(http.Caller()).AnyAsync(i => i.TicketId == ticketId, cancellationToken))
            throw new NotFoundException("Lifecycle instance", ticketId);
        return await db.Timeline.AsNoTracking().Where(e => e.TicketId == ticketId).OrderBy(e => e.Position).ToPageAsync(paging, cancellationToken);
    }

    private static async Task<InstanceDetail> Fire(Guid ticketId, string trigger, TriggerRequest request, HttpContext http, LifecycleSteps steps,
        WriteGate gate, OfficeCheck offices, CancellationToken cancellationToken)
    {
        var named = LifecycleTriggers.Named(trigger)
                    ?? throw new DomainRuleException("Unknown trigger",
                        new Phrase("'{0}' is not a trigger. Triggers: {1}.", trigger.Length > 60 ? trigger[..60] + "…" : trigger,
                            string.Join(", ", LifecycleTriggers.All)),
                        StatusCodes.Status404NotFound);
        var requestId = RequestId(http);
        if (request.OfficeCode is { } office) await offices.EnsureKnownAsync(office.Trim(), cancellationToken);
        var caller = http.Caller();
        var by = new StepActor(caller.Id, caller.Role, caller.Office);

        // One command at a time per database (SQLite's single writer); on SQL Server the instance's version
        // makes the second of two conflicting commands fail with 409 instead of overwriting the first.
        var instance = await gate.RunAsync(async () =>
        {
            steps.Db.ChangeTracker.Clear();
            var instance = await Find(steps, ticketId, caller, cancellationToken);
            if (requestId is { } id && await steps.Db.Timeline.AnyAsync(e => e.TicketId == ticketId && e.SourceId == id, cancellationToken))
                return instance; // the same command again: it already happened

            NotAboutThemselves.Check(instance, caller, named);
            var definition = steps.DefinitionOf(instance);
            if (definition.Trigger(named) is not { } declared)
                throw NotPermitted(instance, steps, by, named, $"'{named}' is not part of the {definition.Key} lifecycle.");
            if (!declared.IsCommand)
                throw NotPermitted(instance, steps, by, named, $"'{named}' is reported by a stage service ({declared.Event}), not pulled here.");
            if (!declared.AllowsRole(by.Role))
                throw new DomainRuleException("Not allowed for your role",
                    new Phrase("'{0}' is for {1}; you act as {2}.", named, string.Join(", ", declared.Roles!), by.Role), StatusCodes.Status403Forbidden)
                {
                    Extensions = { ["permittedTriggers"] = steps.PermittedTriggers(instance, by.Role) },
                };

            var step = new LifecycleStep(named, by)
            {
                Reason = string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason.Trim(),
                OfficeCode = request.OfficeCode?.Trim().ToUpperInvariant(),
                PrimaryTicketId = request.PrimaryTicketId,
                SourceId = requestId,
            };
            WorkflowInstance? primary = null;
            if (named == LifecycleTriggers.Merge && request.PrimaryTicketId is { } primaryId && primaryId != ticketId)
                primary = await PrimaryAsync(steps, primaryId, cancellationToken);
            steps.ApplyCommand(instance, step);
            primary?.Note("MergedFrom", by, requestId, $"Ticket {instance.Number} was merged into this one: {step.Reason}", steps.Db.Clock.GetUtcNow());
            await steps.Db.SaveChangesAsync(cancellationToken);
            return instance;
        }, cancellationToken);
        return await DetailAsync(instance, steps, by.Role, cancellationToken);
    }

    private static async Task<WorkflowInstance> PrimaryAsync(LifecycleSteps steps, Guid primaryId, CancellationToken cancellationToken)
    {
        var primary = await steps.Db.Instances.FirstOrDefaultAsync(i => i.TicketId == primaryId, cancellationToken)
                      ?? throw new DomainRuleException("Unknown primary ticket", new Phrase("No ticket has the id '{0}' to merge into.", primaryId),
                          StatusCodes.Status422UnprocessableEntity);
        if (primary.State is TicketState.Merged or TicketState.Rejected)
            throw new DomainRuleException("Primary ticket not open",
                $"Ticket {primary.Number} is {primary.State}; merge into the ticket that carries the work on.");
        return primary;
    }

    private static DomainRuleException NotPermitted(WorkflowInstance instance, LifecycleSteps steps, StepActor by, string trigger, string why) =>
        new("Step not permitted", $"Ticket {instance.Number} is {instance.State}. {why}")
        {
            Extensions =
            {
                ["state"] = instance.State.ToString(),
                ["trigger"] = trigger,
                ["permittedTriggers"] = steps.PermittedTriggers(instance, by.Role),
            },
        };

    private static Guid? RequestId(HttpContext http)
    {
        var header = http.Request.Headers[RequestIdHeader].ToString();
        if (string.IsNullOrEmpty(header)) return null;
        return Guid.TryParse(header, out var id) && id != Guid.Empty
            ? id
            : throw new DomainRuleException("Invalid request id", new Phrase("{0} must be a GUID.", RequestIdHeader), StatusCodes.Status400BadRequest);
    }

    /// <summary>Another office's ticket is answered as if it did not exist.</summary>
    private static async Task<WorkflowInstance> Find(LifecycleSteps steps, Guid ticketId, Caller caller, CancellationToken cancellationToken) =>
        await steps.FindAsync(ticketId, cancellationToken) is { } instance && caller.Sees(instance.OfficeCode)
            ? instance
            : throw new NotFoundException("Lifecycle instance", ticketId);

    private static async Task<InstanceDetail> DetailAsync(WorkflowInstance i, LifecycleSteps steps, string role, CancellationToken cancellationToken)
    {
        var timeline = await steps.Db.Timeline.AsNoTracking().Where(e => e.TicketId == i.TicketId).OrderBy(e => e.Position)
            .ToListAsync(cancellationToken);
        return new InstanceDetail(i.TicketId, i.Number, i.State, new DefinitionRef(i.DefinitionName, i.DefinitionVersion), i.Category,
            i.Urgency, i.OfficeCode, new InstanceCounters(i.Returns, i.Reopens, i.Escalations), i.Reopens, i.MergedInto,
            steps.PermittedTriggers(i, role),
            i.WorkItems.OrderBy(w => w.OpenedAt).Select(w => new WorkItemView(w.Id, w.Kind, w.Status, w.OpenedIn, w.OfficeCode, w.ByHand,
                w.Note, w.OpenedAt, w.DueAt, w.ClosedAt, w.ClosedReason)).ToList(),
            timeline, i.CreatedAt, i.UpdatedAt);
    }
}

/// <summary>Nobody buries a complaint about themselves: the staff member it names may not merge it or close it early.</summary>
public static class NotAboutThemselves
{
    private static readonly string[] Burying = [LifecycleTriggers.Merge, LifecycleTriggers.CloseEarly];

    public static void Check(WorkflowInstance instance, Caller caller, string trigger)
    {
        if (Burying.Contains(trigger) && instance.ConcernedStaff is { } named && string.Equals(named, caller.Id, StringComparison.OrdinalIgnoreCase))
            throw new DomainRuleException("Complaint about yourself",
                $"Ticket {instance.Number} is a complaint about you: another agent or a supervisor must {trigger} it.", StatusCodes.Status403Forbidden);
    }
}
