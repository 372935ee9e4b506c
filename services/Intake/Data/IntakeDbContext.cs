using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Ticketing.BuildingBlocks.Data;
using Ticketing.Intake.Tickets;

namespace Ticketing.Intake.Data;

public abstract class IntakeDbContext(DbContextOptions options, ServiceDbContextDependencies dependencies)
    : ServiceDbContext(options, dependencies)
{
    public DbSet<Ticket> Tickets => Set<Ticket>();
    public DbSet<DailyTicketCounter> DailyTicketCounters => Set<DailyTicketCounter>();
    public DbSet<OfficeWorkItem> OfficeWorkItems => Set<OfficeWorkItem>();

    /// <summary>A ticket with the office work items it keeps, for the events that change whether it is overdue.</summary>
    public Task<Ticket?> TicketWithOfficeWorkAsync(Guid id, CancellationToken cancellationToken) =>
        Tickets.Include(t => t.OfficeWork).FirstOrDefaultAsync(t => t.Id == id, cancellationToken);

    protected override void ConfigureDomain(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Ticket>(ticket =>
        {
            ticket.HasKey(t => t.Id);
            ticket.HasIndex(t => t.Number).IsUnique();
            ticket.HasIndex(t => t.CallerPhone);
            ticket.HasIndex(t => new { t.Status, t.ReceivedAt });
            ticket.HasIndex(t => t.ReceivedAt);
            ticket.HasIndex(t => t.AddressKey);
            ticket.HasIndex(t => t.CallerName);
            ticket.HasIndex(t => new { t.Category, t.SubCategory });
            ticket.HasIndex(t => new { t.ReceivedBy, t.IdempotencyKey }).IsUnique(); // NULLs (no key) never collide
            // Search by office (a range: the office and its sub-offices) and by overdue, with the sort key last. Overdue leads
            // its index and the office follows, so "this office's overdue tickets" is one range, counted in the index alone.
            ticket.HasIndex(t => new { t.OfficeCode, t.ReceivedAt });
            ticket.HasIndex(t => new { t.Overdue, t.OfficeCode, t.ReceivedAt });
            ticket.HasMany(t => t.OfficeWork).WithOne().HasForeignKey(w => w.TicketId).OnDelete(DeleteBehavior.Cascade);
            ticket.Property(t => t.Number).HasMaxLength(32);
            ticket.Property(t => t.Title).HasMaxLength(200);
            ticket.Property(t => t.Content).HasMaxLength(4000);
            ticket.Property(t => t.CallerName).HasMaxLength(100);
            ticket.Property(t => t.SubCategory).HasMaxLength(40);
            ticket.Property(t => t.CallerPhone).HasMaxLength(20);
            ticket.Property(t => t.RegionCode).HasMaxLength(20);
            ticket.Property(t => t.Address).HasMaxLength(300);
            ticket.Property(t => t.AddressKey).HasMaxLength(300);
            ticket.Property(t => t.IdempotencyKey).HasMaxLength(100);
            ticket.Property(t => t.ReceivedBy).HasMaxLength(100);
            ticket.Property(t => t.ConcernedStaff).HasMaxLength(100);
            ticket.Property(t => t.DecidedBy).HasMaxLength(100);
            ticket.Property(t => t.RejectionReason).HasMaxLength(500);
            ticket.Property(t => t.FirstContactAnswer).HasMaxLength(4000);
            ticket.Property(t => t.DecisionSupersededReason).HasMaxLength(Ticket.SupersededReasonLength);
            ticket.Property(t => t.OfficeCode).HasMaxLength(40);
        });
        modelBuilder.Entity<OfficeWorkItem>(item =>
        {
            item.HasKey(w => w.Id);
            item.Property(w => w.Id).ValueGeneratedNever(); // the workflow's id: a new item found on a ticket is added, not updated
            item.Ignore(w => w.IsOverdue);
        });
        modelBuilder.Entity<DailyTicketCounter>(counter =>
        {
            counter.HasKey(c => c.Day);
            counter.Property(c => c.Day).HasMaxLength(8);
            counter.Property(c => c.Last).IsConcurrencyToken();
        });
    }
}

/// <summary>
/// The embedded default's database (its own migrations under Data/Migrations/Sqlite). Its connection computes the
/// two-character search index (<see cref="TextBigrams"/>) that the triggers on Tickets keep.
/// </summary>
public sealed class IntakeSqliteDbContext : IntakeDbContext
{
    public IntakeSqliteDbContext(DbContextOptions<IntakeSqliteDbContext> options, ServiceDbContextDependencies dependencies)
        : base(options, dependencies) =>
        TextBigrams.Register((SqliteConnection)Database.GetDbConnection());
}

/// <summary>Production's database (its own migrations under Data/Migrations/SqlServer).</summary>
public sealed class IntakeSqlServerDbContext(DbContextOptions<IntakeSqlServerDbContext> options, ServiceDbContextDependencies dependencies)
    : IntakeDbContext(options, dependencies);
