using Ticketing.BuildingBlocks.Access;
using Microsoft.EntityFrameworkCore;
using Ticketing.BuildingBlocks.Hosting;
using Ticketing.Contracts;
using Ticketing.Survey.Data;

namespace Ticketing.Survey.Responses;

/// <summary>Satisfaction over a period: the counts and the share satisfied or basically satisfied.</summary>
public sealed record SatisfactionFigures(int Responses, int Satisfied, int BasicallySatisfied, int Unsatisfied, double? SatisfactionRate);

public static class ResponseEndpoints
{
    public static IEndpointRouteBuilder MapResponseEndpoints(this IEndpointRouteBuilder app)
    {
        var responses = app.MapGroup("/responses").WithTags("Survey responses").RequireRoles(Roles.Agent, Roles.Specialist, Roles.Supervisor, Roles.Admin);
        responses.MapGet("/", List).WithSummary("Newest first; needsQualityReview=true lists those whose scores and comment disagree, with the reason.");
        app.MapGet("/satisfaction", Figures).WithTags("Satisfaction figures").RequireRoles(Roles.Agent, Roles.Specialist, Roles.Supervisor, Roles.Admin);
        return app;
    }

    private static async Task<Page<SurveyResponse>> List(SurveyDbContext db, Guid? ticketId, bool? needsQualityReview, int? page, int? pageSize,
        CancellationToken cancellationToken)
    {
        var query = db.Responses.AsNoTracking();
        if (ticketId is not null) query = query.Where(r => r.TicketId == ticketId);
        if (needsQualityReview is not null) query = query.Where(r => r.NeedsQualityReview == needsQualityReview);
        return await query.OrderByDescending(r => r.RecordedAt).ToPageAsync(PageRequest.From(page, pageSize), cancellationToken);
    }

    private static async Task<SatisfactionFigures> Figures(SurveyDbContext db, DateTimeOffset? from, DateTimeOffset? to,
        CancellationToken cancellationToken)
    {
        var query = db.Responses.AsNoTracking();
        if (from is not null) query = query.Where(r => r.RecordedAt >= from);
        if (to is not null) query = query.Where(r => r.RecordedAt < to);
        var counts = await query.GroupBy(r => r.Satisfaction)
            .Select(g => new { Satisfaction = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Satisfaction, g => g.Count, cancellationToken);
        int Count(Satisfaction s) => counts.GetValueOrDefault(s);
        var total = counts.Values.Sum();
        return new SatisfactionFigures(total, Count(Satisfaction.Satisfied), Count(Satisfaction.BasicallySatisfied),
            Count(Satisfaction.Unsatisfied),
            total == 0 ? null : Math.Round((double)(Count(Satisfaction.Satisfied) + Count(Satisfaction.BasicallySatisfied)) / total, 4));
    }
}
