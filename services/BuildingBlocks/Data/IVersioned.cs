namespace Ticketing.BuildingBlocks.Data;

/// <summary>An aggregate guarded by optimistic concurrency: <see cref="Version"/> goes up on every save.</summary>
public interface IVersioned
{
    int Version { get; set; }
}
