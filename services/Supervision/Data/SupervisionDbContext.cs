using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Ticketing.BuildingBlocks.Data;
using Ticketing.Supervision.Calendars;
using Ticketing.Supervision.Clocks;
using Ticketing.Supervision.Extensions;
using Ticketing.Supervision.Notices;
using Ticketing.Supervision.Policies;

namespace Ticketing.Supervision.Data;

public abstract class SupervisionDbContext(DbContextOptions options, ServiceDbContextDependencies dependencies)
    : ServiceDbContext(options, dependencies)
{
    public DbSet<SlaClock> Clocks => Set<SlaClock>();
    public DbSet<BusinessCalendar> Calendars => Set<BusinessCalendar>();
    public DbSet<PolicySetting> Policies => Set<PolicySetting>();
    public DbSet<SupervisionNotice> Notices => Set<SupervisionNotice>();
    public DbSet<Reminder> Reminders => Set<Reminder>();
    public DbSet<ExtensionRequest> Extensions => Set<ExtensionRequest>();

    protected override void ConfigureDomain(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<SlaClock>(clock =>
        {
            clock.ToTable("SlaClocks");
            clock.HasKey(c => c.Id);
            clock.HasIndex(c => c.NextDueAt); // the tick's index: only clocks with something due are ever read
            clock.HasIndex(c => new { c.Status, c.Deadline }); // views: about to expire, overdue
            clock.HasIndex(c => c.WorkItemId).IsUnique(); // one clock per work item
            clock.HasIndex(c => c.TicketId);
            // An office's clocks by deadline. Not by status: every breach changes it, and the tick would rewrite that index at random.
            clock.HasIndex(c => new { c.OfficeCode, c.Deadline });
            clock.HasIndex(c => c.BreachedAt);
            clock.Property(c => c.Number).HasMaxLength(32);
            clock.Property(c => c.OfficeCode).HasMaxLength(40);
            clock.Property(c => c.Kind).HasMaxLength(20);
            clock.Property(c => c.CalendarCode).HasMaxLength(BusinessCalendar.CodeLength);
            clock.Property(c => c.TimeZone).HasMaxLength(BusinessCalendar.TimeZoneLength);
            // Working time as ticks: SQL Server's time type stops at 24 hours, and ticks compare and add in plain SQL.
            clock.Property(c => c.Allowed).HasConversion<long>();
            clock.Property(c => c.Used).HasConversion<long>();
            clock.Property(c => c.PausedTime).HasConversion<long>();
            clock.Ignore(c => c.IsPaused);
            clock.Ignore(c => c.IsStopped);
            clock.Ignore(c => c.FinishedLate);
        });
        modelBuilder.Entity<PolicySetting>(policy =>
        {
            policy.ToTable("SlaPolicies");
            policy.HasKey(p => new { p.Category, p.Urgency });
            policy.Property(p => p.UpdatedBy).HasMaxLength(100);
        });
        modelBuilder.Entity<SupervisionNotice>(notice =>
        {
            notice.ToTable("SupervisionNotices");
            notice.HasKey(n => n.Id);
            notice.HasIndex(n => new { n.ClockId, n.Level }).IsUnique(); // one notice per clock and level, whoever ticks
            notice.HasIndex(n => new { n.Status, n.Level });
            notice.HasIndex(n => n.TicketId);
            notice.Property(n => n.Number).HasMaxLength(32);
            notice.Property(n => n.OfficeCode).HasMaxLength(40);
            notice.Property(n => n.ParentOfficeCode).HasMaxLength(40);
            notice.Property(n => n.AcknowledgedBy).HasMaxLength(100);
            notice.Property(n => n.AcknowledgementNote).HasMaxLength(500);
            notice.Property(n => n.ClosedReason).HasMaxLength(200);
            notice.Ignore(n => n.SpecialistsNotified);
        });
        modelBuilder.Entity<Reminder>(reminder =>
        {
            reminder.ToTable("Reminders");
            reminder.HasKey(r => r.Id);
            reminder.HasIndex(r => r.ClockId);
            reminder.Property(r => r.OfficeCode).HasMaxLength(40);
            reminder.Property(r => r.Text).HasMaxLength(Reminder.TextLength);
            reminder.Property(r => r.SentBy).HasMaxLength(100);
        });
        modelBuilder.Entity<ExtensionRequest>(extension =>
        {
            extension.ToTable("ExtensionRequests");
            extension.HasKey(e => e.Id);
            extension.HasIndex(e => new { e.Status, e.RequestedAt });
            extension.HasIndex(e => e.ClockId);
            extension.Property(e => e.OfficeCode).HasMaxLength(40);
            extension.Property(e => e.Reason).HasMaxLength(ExtensionRequest.ReasonLength);
            extension.Property(e => e.DecisionNote).HasMaxLength(ExtensionRequest.ReasonLength);
            extension.Property(e => e.RequestedBy).HasMaxLength(100);
            extension.Property(e => e.DecidedBy).HasMaxLength(100);
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
