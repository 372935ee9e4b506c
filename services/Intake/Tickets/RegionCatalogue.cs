using Ticketing.BuildingBlocks.Errors;
using Ticketing.BuildingBlocks.Localization;
using Ticketing.Contracts.Queries;

namespace Ticketing.Intake.Tickets;

/// <summary>
/// The regions a ticket may name, as dispatch knows them (it owns the city's offices and their
/// jurisdictions). Kept for five minutes, and read again at most every ten seconds when a code is missing
/// from it (an admin may just have added the region); while dispatch cannot be asked the last list stands,
/// and before any list is known a well-formed code is taken (dispatch then queues a ticket no rule covers
/// for a dispatcher), so registering a call never waits on dispatch being up.
/// </summary>
public sealed class RegionCatalogue(IServiceScopeFactory scopes, TimeProvider clock, ILogger<RegionCatalogue> logger)
{
    private static readonly TimeSpan KeptFor = TimeSpan.FromMinutes(5), MissReadEvery = TimeSpan.FromSeconds(10);
    private IReadOnlyList<RegionView>? _regions;
    private DateTimeOffset _readAt, _missReadAt;

    /// <summary>Throws a 422 naming the valid regions when <paramref name="code"/> is not one of them.</summary>
    public async Task EnsureKnownAsync(string code, CancellationToken cancellationToken)
    {
        var regions = await RegionsAsync(cancellationToken);
        if (regions is not null && !Holds(regions, code) && clock.GetUtcNow() - _missReadAt >= MissReadEvery)
        {
            _missReadAt = clock.GetUtcNow(); // also when dispatch is down: a typo must not wait on it every time
            regions = await RegionsAsync(cancellationToken, again: true);
        }
        if (regions is null || Holds(regions, code)) return;
        throw new DomainRuleException("Unknown region",
            new Phrase("'{0}' is not a region of this hotline. Valid regions: {1}.", code, string.Join(", ", regions.Select(r => r.Code))),
            StatusCodes.Status422UnprocessableEntity);
    }

    private static bool Holds(IReadOnlyList<RegionView> regions, string code) =>
        regions.Any(r => r.Code.Equals(code, StringComparison.OrdinalIgnoreCase));

    private async Task<IReadOnlyList<RegionView>?> RegionsAsync(CancellationToken cancellationToken, bool again = false)
    {
        if (!again && _regions is not null && clock.GetUtcNow() - _readAt < KeptFor) return _regions;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            _regions = await scope.ServiceProvider.GetRequiredService<IDispatchApi>().GetRegionsAsync(cancellationToken);
            _readAt = clock.GetUtcNow();
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested) // down, timed out, circuit open, a bad answer
        {
            logger.LogWarning("Regions could not be read from dispatch ({Reason}); using {Known}", exception.Message,
                _regions is null ? "any well-formed code" : "the last list");
        }
        return _regions;
    }
}
