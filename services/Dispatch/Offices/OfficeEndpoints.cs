using Ticketing.BuildingBlocks.Access;
using Ticketing.BuildingBlocks.Errors;
using Ticketing.BuildingBlocks.Validation;
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
        offices.MapGet("/{code}/inbox", OfficeInbox.List).RequireRoles([.. Roles.CallCentre, Roles.Office])
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary($"The office's inbox: its assignments and its sub-offices', sort={OfficeInbox.Newest} (newest first, the default) " +
                         $"or {OfficeInbox.Oldest}. Office staff read only their own office's (another's is 404); 422 for an unknown office.");

        app.MapGet("/regions", (OfficeDirectory directory) => directory.Offices
                .SelectMany(o => o.Regions.Select(region => new RegionView(region, o.Code, o.Name)))
                .OrderBy(r => r.Code, StringComparer.Ordinal).ToList())
            .WithTags("Offices").WithSummary("The regions of the city and the office whose jurisdiction each is.");

        var routing = app.MapGroup("/routing").WithTags("Routing");
        routing.MapGet("/rules", (OfficeDirectory directory) => directory.Rules);
        routing.MapGet("/resolve", (Category category, string region, OfficeDirectory directory) => directory.Route(category, region))
            .WithSummary("Which office a ticket of this category from this region would go to, and why.");
        routing.MapPost("/preview", RoutingPreviews.Preview).Validate<PreviewRouting>()
            .WithSummary("Which office a described ticket would go to, and why; an unknown region falls back to the hotline centre. Nothing is stored.");
        return app;
    }
}
