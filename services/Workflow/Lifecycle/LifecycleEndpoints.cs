using Ticketing.BuildingBlocks.Errors;
using Ticketing.BuildingBlocks.Localization;

namespace Ticketing.Workflow.Lifecycle;

public sealed record DefinitionSummary(string Name, int Version, string Title, IReadOnlyList<Contracts.Category> Categories, bool Newest);

public static class LifecycleEndpoints
{
    public static IEndpointRouteBuilder MapLifecycleEndpoints(this IEndpointRouteBuilder app)
    {
        var lifecycle = app.MapGroup("/lifecycle").WithTags("Lifecycle definitions");
        lifecycle.MapGet("/definitions", (DefinitionCatalogue catalogue) => catalogue.All
                .Select(d => new DefinitionSummary(d.Name, d.Version, d.Title, d.Categories, catalogue.Find(d.Name) == d)).ToList())
            .WithSummary("Every installed definition, each version kept while instances run on it.");
        lifecycle.MapGet("/definitions/{name}", (string name, int? version, DefinitionCatalogue catalogue) => Definition(catalogue, name, version))
            .WithSummary("One definition as data: states, triggers, transitions with their guards, work items and timers.");
        lifecycle.MapGet("/definitions/{name}/graph", (string name, int? version, string? format, DefinitionCatalogue catalogue, ILifecycleEngine engine) =>
                Drawing(engine, Definition(catalogue, name, version), format))
            .WithSummary("The definition drawn by the engine from the definition itself: format=mermaid (default) or dot.");
        lifecycle.MapGet("/graph", (DefinitionCatalogue catalogue, ILifecycleEngine engine) =>
                Drawing(engine, catalogue.Find(DefinitionCatalogue.DefaultName)!, "dot"))
            .WithSummary("The default lifecycle as a Graphviz DOT graph.");
        return app;
    }

    private static LifecycleDefinition Definition(DefinitionCatalogue catalogue, string name, int? version) =>
        catalogue.Find(name, version) ?? throw new NotFoundException("Lifecycle definition", version is null ? name : $"{name} v{version}");

    private static IResult Drawing(ILifecycleEngine engine, LifecycleDefinition definition, string? format) =>
        format?.ToLowerInvariant() switch
        {
            null or "mermaid" => Results.Text(engine.Draw(definition, LifecycleDrawing.Mermaid), "text/vnd.mermaid; charset=utf-8"),
            "dot" => Results.Text(engine.Draw(definition, LifecycleDrawing.Dot), "text/vnd.graphviz; charset=utf-8"),
            _ => throw new DomainRuleException("Unknown drawing format", new Phrase("'{0}' is not a format; use mermaid or dot.", format),
                StatusCodes.Status400BadRequest),
        };
}
