using Ticketing.BuildingBlocks.Access;
using Microsoft.EntityFrameworkCore;
using Polly;
using Polly.Retry;
using Ticketing.BuildingBlocks.Data;
using Ticketing.BuildingBlocks.Errors;
using Ticketing.BuildingBlocks.Hosting;
using Ticketing.BuildingBlocks.Localization;
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
        decisions.MapPost("/", Register).Validate<RegisterTicket>().ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Registers a call; the answer lists earlier tickets it may repeat (duplicateCandidates). With an Idempotency-Key " +
                         "header, the same key from the same agent answers the first ticket again (200) instead of registering a second.");
        tickets.MapGet("/", Search).WithSummary("Tickets by number, phone, caller name, text (title or content, two characters or more), status, " +
            "category, office (with its sub-offices), overdue and received range, sorted (-receivedAt, receivedAt, number) and paged; callers' " +
            "numbers masked except for the agent who took the call and supervisors.");
        tickets.MapGet("/{id:guid}", Get).WithName("GetTicket");
        decisions.MapPost("/{id:guid}/accept", Accept);
        decisions.MapPost("/{id:guid}/reject", Reject).Validate<RejectTicket>();
        decisions.MapPost("/{id:guid}/resolve", Resolve).Validate<ResolveTicket>()
            .WithSummary("The agent answered the caller during the call (直接答复办结); the workflow closes it or samples it for a callback.");
        var lookups = app.MapGroup("").WithTags("Tickets").RequireRoles([.. Roles.CallCentre, Roles.Service]);
        lookups.MapGet("/duplicates", FindDuplicates)
            .WithSummary("Tickets a call being typed may repeat: open or recent (30 days) ones from the phone, alike ones at the address.");
        lookups.MapGet("/callers/{phone}/tickets", CallerHistory).WithSummary("A caller's tickets, newest first.");
        app.MapGet("/catalogue", (IssueCatalogue catalogue) => catalogue.Categories).WithTags("Tickets")
            .WithSummary("The two-level issue catalogue (诉求分类): categories, their sub-categories, and which take anonymous callers.");
        return app;
    }

    /// <summary>The header a client repeats a registration with (after a timeout, say) to get the first ticket back.</summary>
    public const string IdempotencyKeyHeader = "Idempotency-Key";

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
        WriteGate gate, RegionCatalogue regions, IssueCatalogue catalogue, Duplicates duplicates, CancellationToken cancellationToken)
    {
        var caller = http.Caller();
        request = request with { SubCategory = catalogue.Require(request.Category, request.SubCategory) };
        var key = IdempotencyKey(http);
        await regions.EnsureKnownAsync(request.RegionCode, cancellationToken);
        var candidates = await duplicates.FindAsync(request.CallerPhone, request.Address, request.Title + request.Content, null, cancellationToken);
        var (ticket, replayed) = await NumberTaken.ExecuteAsync(async token => await gate.RunAsync(async () =>
        {
            db.ChangeTracker.Clear();
            if (key is not null && await db.Tickets.FirstOrDefaultAsync(t => t.ReceivedBy == caller.Id && t.IdempotencyKey == key, token) is { } first)
                return first.Repeats(request)
                    ? (first, true)
                    : throw new DomainRuleException("Idempotency key already used",
                        new Phrase("Your {0} '{1}' registered ticket {2} for another call; use a new key for a new call.", IdempotencyKeyHeader, key,
                            first.Number),
                        StatusCodes.Status422UnprocessableEntity);
            var now = db.Clock.GetUtcNow();
            var registered = Ticket.Register(request, await numbers.NextAsync(now, token), caller.Id, now, key);
            db.Tickets.Add(registered);
            db.Publish(new TicketReceived(registered.Id, registered.Number, registered.Channel, registered.Category,
                registered.Urgency, registered.RegionCode, registered.Title, registered.ReceivedBy, registered.ConcernedStaff, registered.SubCategory));
            await db.SaveChangesAsync(token);
            return (registered, false);
        }, token), cancellationToken);
        var answer = Summary(ticket, caller) with { DuplicateCandidates = candidates.Where(c => c.TicketId != ticket.Id).ToList() };
        if (replayed) return TypedResults.Ok(answer);
        return TypedResults.CreatedAtRoute(answer, "GetTicket", new { id = ticket.Id });
    }

    private static string? IdempotencyKey(HttpContext http)
    {
        var key = http.Request.Headers[IdempotencyKeyHeader].ToString().Trim();
        if (key.Length == 0) return null;
        return key.Length <= 100 && key.All(c => c is > ' ' and < (char)127)
            ? key
            : throw new DomainRuleException("Bad idempotency key", new Phrase("{0} must be 1 to 100 visible ASCII characters.", IdempotencyKeyHeader),
                StatusCodes.Status400BadRequest);
    }

    private static async Task<List<DuplicateCandidate>> FindDuplicates(string? phone, string? address, string? content, Duplicates duplicates,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(phone) && string.IsNullOrWhiteSpace(address))
            throw new DomainRuleException("Say what to compare", "Give the caller's phone, the address, or both (and the content, to compare text).",
                StatusCodes.Status400BadRequest);
        if (phone?.Length > 30 || address?.Length > 300 || content?.Length > 4000)
            throw new DomainRuleException("Too long", "phone up to 30, address up to 300, content up to 4 000 characters.", StatusCodes.Status400BadRequest);
        return await duplicates.FindAsync(phone, address, content, null, cancellationToken);
    }

    private static async Task<Page<TicketSummary>> CallerHistory(string phone, HttpContext http, IntakeDbContext db, int? page, int? pageSize,
        CancellationToken cancellationToken)
    {
        if (!PhoneNumbers.TryNormalise(phone, out var number, out _))
            throw new DomainRuleException("Not a phone number", new Phrase("'{0}' is not a phone number.", phone.Length > 30 ? phone[..30] + "…" : phone),
                StatusCodes.Status400BadRequest);
        var found = await db.Tickets.AsNoTracking().Where(t => t.CallerPhone == number).OrderByDescending(t => t.ReceivedAt)
            .ToPageAsync(PageRequest.From(page, pageSize), cancellationToken);
        return new Page<TicketSummary>(found.Items.Select(t => Summary(t, http.Caller())).ToList(), found.PageNumber, found.PageSize, found.Total);
    }

    private static async Task<Page<TicketSummary>> Search([AsParameters] TicketSearch search, HttpContext http, IntakeDbContext db,
        CancellationToken cancellationToken)
    {
        var found = await search.RunAsync(db, cancellationToken);
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
        t.FirstContactAnswer, t.DecisionSupersededReason, t.SubCategory, t.OfficeCode, t.Overdue);

    /// <summary>The agent who took the call, supervisors and complaint specialists, and peers (callback dials it).</summary>
    private static bool SeesWholeNumber(Ticket t, Caller caller) =>
        caller.IsIn(Roles.Supervisor, Roles.Specialist, Roles.Service) || (caller.Role == Roles.Agent && caller.Id == t.ReceivedBy);
}
