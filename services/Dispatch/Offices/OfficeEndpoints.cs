using Ticketing.BuildingBlocks.Errors;
using Ticketing.Contracts;
using Ticketing.Contracts.Queries;

namespace Ticketing.Dispatch.Offices;

public static class OfficeEndpoints
{
    public static IEndpointRouteBuilder MapOfficeEndpoints(this IEndpointRouteBuilder app)
    {
        var offices = app.MapGroup("/offices").WithTags("Offices");
        offices.MapGet("/", (OfficeDirectory directory) => directory.Offices);
        offices.MapGet("/{code}", (string code, OfficeDirectory directory) =>
            directory.Find(code) ?? throw new NotFoundException("Office", code));

        app.MapGet("/regions", (OfficeDirectory directory) => directory.Offices
                .SelectMany(o => o.Regions.Select(region => new RegionView(region, o.Code, o.Name)))
                .OrderBy(r => r.Code, StringComparer.Ordinal).ToList())
            .WithTags("Offices").WithSummary("The regions of the city and the office whose jurisdiction each is.");

        var routing = app.MapGroup("/routing").WithTags("Routing");
        routing.MapGet("/rules", (OfficeDirectory directory) => directory.Rules);
        routing.MapGet("/resolve", (Category category, string region, OfficeDirectory directory) => directory.Route(category, region))
            .WithSummary("Which office a ticket of this category from this region would go to, and why.");
        return app;
    }
}
