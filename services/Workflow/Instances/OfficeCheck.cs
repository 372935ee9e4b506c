using Ticketing.BuildingBlocks.Errors;
using Ticketing.BuildingBlocks.Localization;
using Ticketing.Contracts.Queries;

namespace Ticketing.Workflow.Instances;

/// <summary>
/// The offices a supervisor may send a ticket to, as dispatch knows them. Kept for five minutes; while
/// dispatch cannot be asked the last list stands, and before any is known a well-formed code is taken
/// (dispatch then keeps a request for an unknown office in the dispatchers' queue).
/// </summary>
public sealed class OfficeCheck(IServiceScopeFactory scopes, TimeProvider clock, ILogger<OfficeCheck> logger)
{
    private static readonly TimeSpan KeptFor = TimeSpan.FromMinutes(5);
    private IReadOnlyList<OfficeView>? _offices;
    private DateTimeOffset _readAt;

    public async Task EnsureKnownAsync(string code, CancellationToken cancellationToken)
    {
        var offices = await OfficesAsync(cancellationToken);
        if (offices is null || offices.Any(o => o.Code.Equals(code, StringComparison.OrdinalIgnoreCase))) return;
        throw new DomainRuleException("Unknown office",
            new Phrase("'{0}' is not an office. Valid offices: {1}.", code, string.Join(", ", offices.Select(o => o.Code))),
            StatusCodes.Status422UnprocessableEntity);
    }

    private async Task<IReadOnlyList<OfficeView>?> OfficesAsync(CancellationToken cancellationToken)
    {
        if (_offices is not null && clock.GetUtcNow() - _readAt < KeptFor) return _offices;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            _offices = await scope.ServiceProvider.GetRequiredService<IDispatchApi>().GetOfficesAsync(cancellationToken);
            _readAt = clock.GetUtcNow();
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested) // down, timed out, circuit open, a bad answer
        {
            logger.LogWarning("Offices could not be read from dispatch ({Reason}); using {Known}", exception.Message,
                _offices is null ? "any well-formed code" : "the last list");
        }
        return _offices;
    }
}
