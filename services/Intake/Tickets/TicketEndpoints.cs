using Ticketing.BuildingBlocks.Access;
using Microsoft.EntityFrameworkCore;
using Polly;
using Polly.Retry;
using Ticketing.BuildingBlocks.Data;
using Ticketing.BuildingBlocks.Errors;
using Ticketing.BuildingBlocks.Hosting;
using Ticketing.BuildingBlocks.Validation;
using Ticketing.Contracts;
using Ticketing.Contracts.Events;
using Ticketing.Contracts.Queries;
using Ticketing.Intake.Data;

namespace Ticketing.Intake.Tickets;

public static class TicketEndpoints
{
    public static IEndpointRouteBuilder MapTicketEndpoints(this IEndpointRouteBuilder app)
    {
        // Office staff see their work through dispatch, follow-up and the workflow, each scoped to their office.
        var tickets = app.MapGroup("/tickets").WithTags("Tickets").RequireRoles([.. Roles.CallCentre, Roles.Service]);
        var decisions = tickets.MapGroup("").RequireRoles(Roles.Agent, Roles.Supervisor);
        decisions.MapPost("/", Register).Validate<RegisterTicket>().ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        tickets.MapGet("/", Search).WithSummary("Tickets, newest first; callers' numbers masked except for the agent who took the call and supervisors.");
        tickets.MapGet("/{id:guid}", Get).WithName("GetTicket");
        decisions.MapPost("/{id:guid}/accept", Accept);
        decisions.MapPost("/{id:guid}/reject", Reject).Validate<RejectTicket>();
        decisions.MapPost("/{id:guid}/resolve", Resolve).Validate<ResolveTicket>()
            .WithSummary("The agent answered the caller during the call (直接答复办结); the workflow closes it or samples it for a callback.");
        return app;
    }

    /// <summary>Two agents taking the same day's next number at once (SQL Server has no write gate): take the next one.</summary>
    private static readonly ResiliencePipeline NumberTaken = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<DbUpdateConcurrencyException>(),
            MaxRetryAttempts = 5,
            BackoffType = DelayBackoffType.Exponential,
            Delay = TimeSpan.FromMilliseconds(10),
            UseJitter = true,
        })
        .Build();

    private static async Task<IResult> Register(RegisterTicket request, HttpContext http, IntakeDbContext db, TicketNumbers numbers,
        WriteGate gate, RegionCatalogue regions, CancellationToken cancellationToken)
    {
        await regions.EnsureKnownAsync(request.RegionCode, cancellationToken);
        var ticket = await NumberTaken.ExecuteAsync(async token => await gate.RunAsync(async () =>
        {
            db.ChangeTracker.Clear();
            var now = db.Clock.GetUtcNow();
            var registered = Ticket.Register(request, await numbers.NextAsync(now, token), http.Actor(), now);
            db.Tickets.Add(registered);
            db.Publish(new TicketReceived(registered.Id, registered.Number, registered.Channel, registered.Category,
                registered.Urgency, registered.RegionCode, registered.Title, registered.ReceivedBy, registered.ConcernedStaff));
            await db.SaveChangesAsync(token);
            return registered;
        }, token), cancellationToken);
        return TypedResults.CreatedAtRoute(Summary(ticket, http.Caller()), "GetTicket", new { id = ticket.Id });
    }

    private static async Task<Page<TicketSummary>> Search(HttpContext http, IntakeDbContext db, int? page, int? pageSize, TicketState? status,
        string? phone, string? number, CancellationToken cancellationToken)
    {
        var query = db.Tickets.AsNoTracking();
        if (status is not null) query = query.Where(t => t.Status == status);
        if (!string.IsNullOrWhiteSpace(phone)) query = query.Where(t => t.CallerPhone == phone.Trim());
        if (!string.IsNullOrWhiteSpace(number)) query = query.Where(t => t.Number == number.Trim());
        var found = await query.OrderByDescending(t => t.ReceivedAt)
            .ToPageAsync(PageRequest.From(page, pageSize), cancellationToken);
        return new Page<TicketSummary>(found.Items.Select(t => Summary(t, http.Caller())).ToList(), found.PageNumber, found.PageSize, found.Total);
    }

    private static async Task<TicketSummary> Get(Guid id, HttpContext http, IntakeDbContext db, CancellationToken cancellationToken) =>
        Summary(await Find(db, id, cancellationToken), http.Caller());

    private static async Task<TicketSummary> Accept(Guid id, HttpContext http, IntakeDbContext db, CancellationToken cancellationToken)
    {
        var ticket = await Find(db, id, cancellationToken);
        ticket.Accept(http.Actor(), db.Clock.GetUtcNow());
        db.Publish(new TicketAccepted(ticket.Id, ticket.Number, ticket.Category, ticket.Urgency, ticket.RegionCode, ticket.DecidedBy!));
        await db.SaveChangesAsync(cancellationToken);
        return Summary(ticket, http.Caller());
    }

    private static async Task<TicketSummary> Reject(Guid id, RejectTicket request, HttpContext http, IntakeDbContext db,
        CancellationToken cancellationToken)
    {
        var ticket = await Find(db, id, cancellationToken);
        ticket.Reject(request.Reason, http.Actor(), db.Clock.GetUtcNow());
        db.Publish(new TicketRejected(ticket.Id, ticket.Number, ticket.RejectionReason!, ticket.DecidedBy!));
        await db.SaveChangesAsync(cancellationToken);
        return Summary(ticket, http.Caller());
    }

    private static async Task<TicketSummary> Resolve(Guid id, ResolveTicket request, HttpContext http, IntakeDbContext db,
        CancellationToken cancellationToken)
    {
        var ticket = await Find(db, id, cancellationToken);
        ticket.ResolveAtFirstContact(request.Answer, http.Actor(), db.Clock.GetUtcNow());
        db.Publish(new TicketResolvedAtFirstContact(ticket.Id, ticket.Number, ticket.FirstContactAnswer!, ticket.DecidedBy!));
        await db.SaveChangesAsync(cancellationToken);
        return Summary(ticket, http.Caller());
    }

    private static async Task<Ticket> Find(IntakeDbContext db, Guid id, CancellationToken cancellationToken) =>
        await db.Tickets.FirstOrDefaultAsync(t => t.Id == id, cancellationToken) ?? throw new NotFoundException("Ticket", id);

    private static TicketSummary Summary(Ticket t, Caller caller) => new(t.Id, t.Number, t.Title, t.Content, t.Category, t.Urgency, t.Channel,
        t.CallerName, SeesWholeNumber(t, caller) ? t.CallerPhone : PhoneMask.Mask(t.CallerPhone), t.RegionCode, t.Status, t.ReceivedAt,
        t.FirstContactAnswer, t.DecisionSupersededReason);

    /// <summary>The agent who took the call, supervisors and complaint specialists, and peers (callback dials it).</summary>
    private static bool SeesWholeNumber(Ticket t, Caller caller) =>
        caller.IsIn(Roles.Supervisor, Roles.Specialist, Roles.Service) || (caller.Role == Roles.Agent && caller.Id == t.ReceivedBy);
}
