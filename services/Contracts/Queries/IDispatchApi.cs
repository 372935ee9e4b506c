using Refit;

namespace Ticketing.Contracts.Queries;

/// <summary>What other services may ask dispatch synchronously.</summary>
public interface IDispatchApi
{
    [Get("/regions")]
    Task<List<RegionView>> GetRegionsAsync(CancellationToken cancellationToken = default);

    [Get("/offices")]
    Task<List<OfficeView>> GetOfficesAsync(CancellationToken cancellationToken = default);
}

/// <summary>A region of the hotline's city (e.g. <c>DC-DH</c>) and the office whose jurisdiction it is.</summary>
public sealed record RegionView(string Code, string OfficeCode, string OfficeName);

/// <summary>
/// An office (承办单位) that can be given work; <see cref="Parent"/> is the office above it, and its deadlines count on
/// the business calendar <see cref="CalendarCode"/> in <see cref="TimeZone"/> (supervision's calendars).
/// </summary>
public sealed record OfficeView(string Code, string Name, string? Parent = null, string? CalendarCode = null, string? TimeZone = null);
