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
        var cases = app.MapGroup("/cases").WithTags("Handling cases");
        cases.MapGet("/", List);
        cases.MapGet("/{ticketId:guid}", Get);
        cases.MapPost("/{ticketId:guid}/completion", Complete).Validate<CompleteCase>();
        return app;
    }

    private static async Task<Page<HandlingCase>> List(FollowUpDbContext db, string? office, CaseStatus? status, int? page, int? pageSize,
        CancellationToken cancellationToken)
    {
        var query = db.Cases.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(office)) query = query.Where(c => c.OfficeCode == office.Trim());
        if (status is not null) query = query.Where(c => c.Status == status);
        return await query.OrderByDescending(c => c.AssignedAt).ToPageAsync(PageRequest.From(page, pageSize), cancellationToken);
    }

    private static async Task<HandlingCase> Get(Guid ticketId, FollowUpDbContext db, CancellationToken cancellationToken) =>
        await db.Cases.AsNoTracking().FirstOrDefaultAsync(c => c.TicketId == ticketId, cancellationToken)
        ?? throw new NotFoundException("Handling case", ticketId);

    private static async Task<HandlingCase> Complete(Guid ticketId, CompleteCase request, HttpContext http, FollowUpDbContext db,
        CancellationToken cancellationToken)
    {
        var handling = await db.Cases.FirstOrDefaultAsync(c => c.TicketId == ticketId, cancellationToken)
                       ?? throw new NotFoundException("Handling case", ticketId);
        handling.Complete(request.OfficeCode.Trim(), request.ReplyToCustomer, http.Actor(), db.Clock.GetUtcNow());
        db.Publish(new HandlingCompleted(handling.TicketId, handling.OfficeCode, handling.ReplyToCustomer!, handling.CompletedBy!));
        await db.SaveChangesAsync(cancellationToken);
        return handling;
    }
}
