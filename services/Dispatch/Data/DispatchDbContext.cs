using Microsoft.EntityFrameworkCore;
using Ticketing.BuildingBlocks.Data;
using Ticketing.Dispatch.Assignments;

namespace Ticketing.Dispatch.Data;

public abstract class DispatchDbContext(DbContextOptions options, ServiceDbContextDependencies dependencies)
    : ServiceDbContext(options, dependencies)
{
    public DbSet<Assignment> Assignments => Set<Assignment>();

    protected override void ConfigureDomain(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Assignment>(assignment =>
        {
            assignment.HasKey(a => a.Id);
            assignment.HasIndex(a => a.TicketId);
            assignment.HasIndex(a => new { a.OfficeCode, a.Status, a.AssignedAt });
            assignment.Property(a => a.Number).HasMaxLength(32);
            assignment.Property(a => a.RegionCode).HasMaxLength(20);
            assignment.Property(a => a.OfficeCode).HasMaxLength(40);
            assignment.Property(a => a.RoutingReason).HasMaxLength(300);
            assignment.Property(a => a.SignedBy).HasMaxLength(100);
        });
    }
}

public sealed class DispatchSqliteDbContext(DbContextOptions<DispatchSqliteDbContext> options, ServiceDbContextDependencies dependencies)
    : DispatchDbContext(options, dependencies);

public sealed class DispatchSqlServerDbContext(DbContextOptions<DispatchSqlServerDbContext> options, ServiceDbContextDependencies dependencies)
    : DispatchDbContext(options, dependencies);
