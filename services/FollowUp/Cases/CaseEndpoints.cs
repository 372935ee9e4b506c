using Ticketing.BuildingBlocks.Access;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Ticketing.BuildingBlocks.Errors;
using Ticketing.BuildingBlocks.Hosting;
using Ticketing.BuildingBlocks.Validation;
using Ticketing.Contracts.Events;
using Ticketing.FollowUp.Data;

namespace Ticketing.FollowUp.Cases;

/// <summary>The office reports its result and the reply the customer will hear.</summary>
public sealed record CompleteCase(
    [property: System.ComponentModel.DataAnnotations.StringLength(40)] string OfficeCode,
    [property: System.ComponentModel.DataAnnotations.StringLength(4000)] string ReplyToCustomer);

public sealed class CompleteCaseValidator : AbstractValidator<CompleteCase>
{
    public CompleteCaseValidator()
    {
        RuleFor(r => r.OfficeCode).NotEmpty().MaximumLength(40).SingleLine();
        RuleFor(r => r.ReplyToCustomer).NotEmpty().MaximumLength(4000).MultiLine();
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
            .WithSummary("办结: the office reports its result; 403 for another office's case, 409 unless the case is in progress.");
        return app;
    }

    private static async Task<Page<HandlingCase>> List(HttpContext http, FollowUpDbContext db, string? office, CaseStatus? status, Guid? ticketId, int? page,
        int? pageSize, CancellationToken cancellationToken)
    {
        var query = db.Cases.AsNoTracking().VisibleTo(http.Caller());
        if (!string.IsNullOrWhiteSpace(office)) query = query.Where(c => c.OfficeCode == office.Trim());
        if (status is not null) query = query.Where(c => c.Status == status);
        if (ticketId is not null) query = query.Where(c => c.TicketId == ticketId);
        return await query.OrderByDescending(c => c.OpenedAt).ToPageAsync(PageRequest.From(page, pageSize), cancellationToken);
    }

    private static async Task<HandlingCase> Get(Guid id, HttpContext http, FollowUpDbContext db, CancellationToken cancellationToken) =>
        await db.Cases.AsNoTracking().VisibleTo(http.Caller()).FirstOrDefaultAsync(c => c.Id == id, cancellationToken)
        ?? throw new NotFoundException("Handling case", id); // another office's case is answered as if it did not exist

    private static async Task<HandlingCase> Complete(Guid id, CompleteCase request, HttpContext http, FollowUpDbContext db,
        CancellationToken cancellationToken)
    {
        var caller = http.Caller();
        var handling = await db.Cases.VisibleTo(caller).FirstOrDefaultAsync(c => c.Id == id, cancellationToken)
                       ?? throw new NotFoundException("Handling case", id);
        handling.Complete(caller.ActsFor(request.OfficeCode.Trim()), request.ReplyToCustomer, http.Actor(), db.Clock.GetUtcNow());
        db.Publish(new HandlingCompleted(handling.TicketId, handling.Id, handling.OfficeCode, handling.ReplyToCustomer!, handling.CompletedBy!));
        await db.SaveChangesAsync(cancellationToken);
        return handling;
    }
}
