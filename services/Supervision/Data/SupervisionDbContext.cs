using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Ticketing.BuildingBlocks.Data;
using Ticketing.Supervision.Calendars;
using Ticketing.Supervision.Clocks;

namespace Ticketing.Supervision.Data;

public abstract class SupervisionDbContext(DbContextOptions options, ServiceDbContextDependencies dependencies)
    : ServiceDbContext(options, dependencies)
{
    public DbSet<SlaClock> Clocks => Set<SlaClock>();
    public DbSet<BusinessCalendar> Calendars => Set<BusinessCalendar>();

    protected override void ConfigureDomain(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<SlaClock>(clock =>
        {
            clock.ToTable("SlaClocks");
            clock.HasKey(c => c.Id);
            clock.HasIndex(c => new { c.Status, c.Deadline }); // the breach scan's index
            clock.HasIndex(c => c.WorkItemId).IsUnique(); // one clock per work item
            clock.HasIndex(c => c.TicketId);
            clock.HasIndex(c => new { c.OfficeCode, c.Status });
            clock.Property(c => c.Number).HasMaxLength(32);
            clock.Property(c => c.OfficeCode).HasMaxLength(40);
            clock.Property(c => c.Kind).HasMaxLength(20);
        });
        modelBuilder.Entity<BusinessCalendar>(calendar =>
        {
            calendar.ToTable("Calendars");
            calendar.HasKey(c => c.Code);
            calendar.Property(c => c.Code).HasMaxLength(BusinessCalendar.CodeLength);
            calendar.Property(c => c.Name).HasMaxLength(BusinessCalendar.NameLength);
            calendar.Property(c => c.TimeZone).HasMaxLength(BusinessCalendar.TimeZoneLength);
            calendar.Property(c => c.UpdatedBy).HasMaxLength(BusinessCalendar.ByLength);
            // One readable column: "Mon 09:00-12:00 13:30-18:00; …; Sat; Sun".
            calendar.Property(c => c.Hours).HasColumnName("WorkingHours").HasMaxLength(1000)
                .HasConversion(hours => hours.ToString(), text => WeekHours.Parse(text),
                    new ValueComparer<WeekHours>((a, b) => Equals(a, b), hours => hours.GetHashCode(), hours => hours));
            calendar.HasMany(c => c.Years).WithOne().HasForeignKey(y => y.CalendarCode).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<CalendarYear>(year =>
        {
            year.ToTable("CalendarYears");
            year.HasKey(y => new { y.CalendarCode, y.Year });
            year.Property(y => y.CalendarCode).HasMaxLength(BusinessCalendar.CodeLength);
            year.PrimitiveCollection(y => y.Holidays); // a JSON list of dates
            year.PrimitiveCollection(y => y.MakeUpWorkingDays);
        });
    }
}

public sealed class SupervisionSqliteDbContext(DbContextOptions<SupervisionSqliteDbContext> options, ServiceDbContextDependencies dependencies)
    : SupervisionDbContext(options, dependencies);

public sealed class SupervisionSqlServerDbContext(DbContextOptions<SupervisionSqlServerDbContext> options, ServiceDbContextDependencies dependencies)
    : SupervisionDbContext(options, dependencies);
