using Ticketing.BuildingBlocks.Errors;
using Ticketing.Contracts;

namespace Ticketing.Dispatch.Offices;

public static class OfficeEndpoints
{
    public static IEndpointRouteBuilder MapOfficeEndpoints(this IEndpointRouteBuilder app)
    {
        var offices = app.MapGroup("/offices").WithTags("Offices");
        offices.MapGet("/", (OfficeDirectory directory) => directory.Offices);
        offices.MapGet("/{code}", (string code, OfficeDirectory directory) =>
            directory.Find(code) ?? throw new NotFoundException("Office", code));

        var routing = app.MapGroup("/routing").WithTags("Routing");
        routing.MapGet("/rules", (OfficeDirectory directory) => directory.Rules);
        routing.MapGet("/resolve", (Category category, string region, OfficeDirectory directory) => directory.Route(category, region))
            .WithSummary("Which office a ticket of this category from this region would go to, and why.");
        return app;
    }
}
