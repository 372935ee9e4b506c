using Microsoft.Extensions.Options;
using Ticketing.Intake.Data;

namespace Ticketing.Intake.Tickets;

public sealed class IntakeOptions
{
    public const string Section = "Intake";

    /// <summary>The hotline's time zone: it decides the date in a ticket number.</summary>
    public string TimeZone { get; set; } = "Asia/Shanghai";

    public string NumberPrefix { get; set; } = "GD";

    /// <summary>The two-level issue catalogue (诉求分类), relative to the service's folder unless rooted.</summary>
    public string CatalogueFile { get; set; } = "Tickets/catalogue.json";
}

/// <summary>Daily counter behind numbers such as GD20261123-000123, in the hotline's local date.</summary>
public sealed class DailyTicketCounter
{
    public string Day { get; set; } = "";
    public int Last { get; set; }
}

public sealed class TicketNumbers(IntakeDbContext db, IOptions<IntakeOptions> options)
{
    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);

    /// <summary>Takes the next number for the local day of <paramref name="now"/>; saved with the ticket.</summary>
    public async Task<string> NextAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var day = TimeZoneInfo.ConvertTime(now, _zone).ToString("yyyyMMdd");
        var counter = await db.DailyTicketCounters.FindAsync([day], cancellationToken);
        if (counter is null)
        {
            counter = new DailyTicketCounter { Day = day };
            db.DailyTicketCounters.Add(counter);
        }
        counter.Last++;
        return $"{options.Value.NumberPrefix}{day}-{counter.Last:D6}";
    }
}
