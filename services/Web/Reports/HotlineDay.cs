using System.Globalization;

namespace Ticketing.Web.Reports;

/// <summary>
/// Today as the hotline counts days (<c>Web:TimeZone</c>, an IANA id, default <c>Asia/Shanghai</c>: set it as reporting's
/// <c>Reporting:TimeZone</c>), so the reports open on the hotline's day whatever zone the console's server runs in.
/// </summary>
public sealed class HotlineDay(IConfiguration configuration, TimeProvider time)
{
    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(configuration["Web:TimeZone"] ?? "Asia/Shanghai");

    /// <summary>Today's hotline date as the reports take it (2026-11-30).</summary>
    public string Today() => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), _zone).DateTime)
        .ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
