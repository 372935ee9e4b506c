using Refit;

namespace Ticketing.Contracts.Queries;

/// <summary>What other services may ask supervision synchronously.</summary>
public interface ISupervisionApi
{
    /// <summary>The working time between two instants on a business calendar (<c>default</c> is the hotline's), in whole minutes.</summary>
    [Post("/calendars/{code}/working-time-between")]
    Task<WorkingTimeView> WorkingTimeBetweenAsync(string code, [Body] WorkingTimeQuery query, CancellationToken cancellationToken = default);
}

public sealed record WorkingTimeQuery(DateTimeOffset From, DateTimeOffset To);

/// <summary>Whole minutes of working time, rounded down.</summary>
public sealed record WorkingTimeView(long Minutes);
