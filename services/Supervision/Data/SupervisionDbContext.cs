using Microsoft.EntityFrameworkCore;
using Ticketing.BuildingBlocks.Data;
using Ticketing.Supervision.Clocks;

namespace Ticketing.Supervision.Data;

public abstract class SupervisionDbContext(DbContextOptions options, ServiceDbContextDependencies dependencies)
    : ServiceDbContext(options, dependencies)
{
    public DbSet<SlaClock> Clocks => Set<SlaClock>();

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
    }
}

public sealed class SupervisionSqliteDbContext(DbContextOptions<SupervisionSqliteDbContext> options, ServiceDbContextDependencies dependencies)
    : SupervisionDbContext(options, dependencies);

public sealed class SupervisionSqlServerDbContext(DbContextOptions<SupervisionSqlServerDbContext> options, ServiceDbContextDependencies dependencies)
    : SupervisionDbContext(options, dependencies);
