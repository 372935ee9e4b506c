using Ticketing.BuildingBlocks.Access;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Ticketing.BuildingBlocks.Errors;
using Ticketing.BuildingBlocks.Hosting;
using Ticketing.BuildingBlocks.Validation;
using Ticketing.Contracts.Events;
using Ticketing.FollowUp.Data;

namespace Ticketing.FollowUp.Cases;

/// <summary>
/// The office reports its result (resolved by default; partly resolved or cannot be resolved say why) and the reply the
/// customer will hear. <see cref="Force"/>: a supervisor completes although co-handling offices have not reported.
/// </summary>
public sealed record CompleteCase(
    [property: System.ComponentModel.DataAnnotations.StringLength(40)] string OfficeCode,
    [property: System.ComponentModel.DataAnnotations.StringLength(4000)] string ReplyToCustomer,
    HandlingResult Result = HandlingResult.Resolved,
    [property: System.ComponentModel.DataAnnotations.StringLength(HandlingCase.ReasonLength)] string? ResultExplanation = null,
    bool Force = false);

public sealed class CompleteCaseValidator : AbstractValidator<CompleteCase>
{
    public CompleteCaseValidator()
    {
        RuleFor(r => r.OfficeCode).NotEmpty().MaximumLength(40).SingleLine();
        RuleFor(r => r.ReplyToCustomer).NotEmpty().MaximumLength(4000).MultiLine();
        RuleFor(r => r.Result).IsInEnum();
        RuleFor(r => r.ResultExplanation).NotEmpty().When(r => r.Result != HandlingResult.Resolved)
            .WithMessage("A result of PartlyResolved or CannotBeResolved says why.");
        RuleFor(r => r.ResultExplanation).MaximumLength(HandlingCase.ReasonLength).MultiLine();
    }
}

/// <summary>A progress note: public ones may be read to the customer, internal ones stay with the staff.</summary>
public sealed record AddNote(
    [property: System.ComponentModel.DataAnnotations.StringLength(40)] string OfficeCode,
    [property: System.ComponentModel.DataAnnotations.StringLength(CaseNote.TextLength)] string Text,
    NoteVisibility Visibility = NoteVisibility.Internal);

public sealed class AddNoteValidator : AbstractValidator<AddNote>
{
    public AddNoteValidator()
    {
        RuleFor(r => r.OfficeCode).NotEmpty().MaximumLength(40).SingleLine();
        RuleFor(r => r.Text).NotEmpty().MaximumLength(CaseNote.TextLength).MultiLine();
        RuleFor(r => r.Visibility).IsInEnum();
    }
}

/// <summary>等待群众补充 on (waiting for the customer's material or reply) or off (it came), with what is awaited or what came.</summary>
public sealed record SetWaiting(
    [property: System.ComponentModel.DataAnnotations.StringLength(40)] string OfficeCode,
    bool Waiting,
    [property: System.ComponentModel.DataAnnotations.StringLength(CaseNote.TextLength)] string Note);

public sealed class SetWaitingValidator : AbstractValidator<SetWaiting>
{
    public SetWaitingValidator()
    {
        RuleFor(r => r.OfficeCode).NotEmpty().MaximumLength(40).SingleLine();
        RuleFor(r => r.Note).NotEmpty().MaximumLength(CaseNote.TextLength).MultiLine();
    }
}

public static class CaseEndpoints
{
    public static IEndpointRouteBuilder MapCaseEndpoints(this IEndpointRouteBuilder app)
    {
        var cases = app.MapGroup("/cases").WithTags("Handling cases").RequireRoles([.. Roles.CallCentre, Roles.Office]);
        cases.MapGet("/", List).WithSummary("Handling cases, newest first; a ticket has one per handling (first, reopens, replies sent back).");
        cases.MapGet("/{id:guid}", Get);
        cases.MapPost("/{id:guid}/completion", Complete).Validate<CompleteCase>().RequireRoles(Roles.Office, Roles.Supervisor)
            .WithSummary("办结: the office reports its result; 403 for another office's case, 409 unless the case is in progress or while it " +
                         "waits on the customer, 409 naming the co-handling offices still owing their part (a supervisor may force).");
        cases.MapPost("/{id:guid}/notes", Note).Validate<AddNote>().RequireRoles(Roles.Office, Roles.Supervisor)
            .WithSummary("A progress note, Public or Internal; 409 unless the case is in progress.");
        cases.MapPost("/{id:guid}/waiting", Wait).Validate<SetWaiting>().RequireRoles(Roles.Office, Roles.Supervisor)
            .WithSummary("Waiting on the customer on or off: pauses and resumes the handling clock (handling.waiting-changed). " +
                         "Setting the state it already has changes nothing.");
        return app;
    }

    private static async Task<Page<HandlingCase>> List(HttpContext http, FollowUpDbContext db, string? office, CaseStatus? status, Guid? ticketId,
        bool? waitingOnCustomer, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var query = db.Cases.AsNoTracking().VisibleTo(http.Caller());
        if (!string.IsNullOrWhiteSpace(office)) query = query.Where(c => c.OfficeCode == office.Trim());
        if (status is not null) query = query.Where(c => c.Status == status);
        if (ticketId is not null) query = query.Where(c => c.TicketId == ticketId);
        if (waitingOnCustomer is not null) query = query.Where(c => c.WaitingOnCustomer == waitingOnCustomer);
        return await query.OrderByDescending(c => c.OpenedAt).ToPageAsync(PageRequest.From(page, pageSize), cancellationToken);
    }

    private static async Task<HandlingCase> Get(Guid id, HttpContext http, FollowUpDbContext db, CancellationToken cancellationToken) =>
        await db.Cases.AsNoTracking().VisibleTo(http.Caller()).FirstOrDefaultAsync(c => c.Id == id, cancellationToken)
        ?? throw new NotFoundException("Handling case", id); // another office's case is answered as if it did not exist

    private static async Task<HandlingCase> Complete(Guid id, CompleteCase request, HttpContext http, FollowUpDbContext db, CoHandlers coHandlers,
        CancellationToken cancellationToken)
    {
        var caller = http.Caller();
        var handling = await Find(db, id, caller, cancellationToken);
        var office = caller.ActsFor(request.OfficeCode.Trim());
        handling.EnsureCompletable(office, request.Result, request.ResultExplanation);
        if (request.Force && !caller.IsIn(Roles.Supervisor))
            throw new DomainRuleException("Only a supervisor forces", "Only a supervisor completes a case whose co-handling offices have not reported.", 403);
        var parts = await coHandlers.PartsOfAsync(handling, cancellationToken);
        var owing = parts.Where(p => !p.Reported).Select(p => p.OfficeCode).ToList();
        if (owing.Count > 0 && !request.Force)
            throw new DomainRuleException("Co-handling parts owed",
                $"The co-handling offices {string.Join(", ", owing)} have not reported their part of ticket {handling.Number}; " +
                "wait for them, or a supervisor completes with force (their parts then say not reported).")
                { Extensions = { ["owing"] = owing } };

        handling.Complete(office, request.ReplyToCustomer, http.Actor(), db.Clock.GetUtcNow(), request.Result, request.ResultExplanation, parts);
        db.Publish(new HandlingCompleted(handling.TicketId, handling.Id, handling.OfficeCode, handling.ReplyToCustomer!, handling.CompletedBy!,
            handling.Result, handling.ResultExplanation, handling.CoHandlerParts.Count == 0 ? null : [.. handling.CoHandlerParts.Select(p => p.ToContract())]));
        await db.SaveChangesAsync(cancellationToken);
        return handling;
    }

    private static async Task<IResult> Note(Guid id, AddNote request, HttpContext http, FollowUpDbContext db, CancellationToken cancellationToken)
    {
        var caller = http.Caller();
        var handling = await Find(db, id, caller, cancellationToken);
        var note = handling.AddNote(caller.ActsFor(request.OfficeCode.Trim()), request.Text, request.Visibility, http.Actor(), db.Clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return Results.Created($"../{handling.Id}", note);
    }

    private static async Task<HandlingCase> Wait(Guid id, SetWaiting request, HttpContext http, FollowUpDbContext db, CancellationToken cancellationToken)
    {
        var caller = http.Caller();
        var handling = await Find(db, id, caller, cancellationToken);
        var office = caller.ActsFor(request.OfficeCode.Trim());
        var now = db.Clock.GetUtcNow();
        if (handling.SetWaitingOnCustomer(office, request.Waiting, now))
        {
            // The note goes on the case as well: the waiting and its end are part of the handling's story.
            handling.AddNote(office, (request.Waiting ? "等待群众补充: " : "群众已补充: ") + request.Note.Trim(), NoteVisibility.Internal, http.Actor(), now);
            db.Publish(new HandlingWaitingChanged(handling.TicketId, handling.Id, handling.OfficeCode, request.Waiting, request.Note.Trim(), http.Actor()));
        }
        await db.SaveChangesAsync(cancellationToken);
        return handling;
    }

    private static async Task<HandlingCase> Find(FollowUpDbContext db, Guid id, Caller caller, CancellationToken cancellationToken) =>
        await db.Cases.VisibleTo(caller).FirstOrDefaultAsync(c => c.Id == id, cancellationToken) ?? throw new NotFoundException("Handling case", id);
}
