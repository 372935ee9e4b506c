namespace Ticketing.Workflow.Lifecycle;

public static class LifecycleEndpoints
{
    public static IEndpointRouteBuilder MapLifecycleEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/lifecycle/graph", () => Results.Text(TicketLifecycle.ToDotGraph(), "text/vnd.graphviz"))
            .WithTags("Lifecycle definition")
            .WithSummary("The lifecycle state machine as a Graphviz DOT graph, drawn from the engine's own table.");
        return app;
    }
}
