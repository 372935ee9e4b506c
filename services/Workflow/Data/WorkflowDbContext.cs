using Microsoft.EntityFrameworkCore;
using Ticketing.BuildingBlocks.Data;
using Ticketing.Workflow.Lifecycle;

namespace Ticketing.Workflow.Data;

public abstract class WorkflowDbContext(DbContextOptions options, ServiceDbContextDependencies dependencies)
    : ServiceDbContext(options, dependencies)
{
    public DbSet<WorkflowInstance> Instances => Set<WorkflowInstance>();
    public DbSet<TimelineEntry> Timeline => Set<TimelineEntry>();

    protected override void ConfigureDomain(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<WorkflowInstance>(instance =>
        {
            instance.ToTable("WorkflowInstances");
            instance.HasKey(i => i.TicketId);
            instance.HasIndex(i => i.Number).IsUnique();
            instance.HasIndex(i => new { i.State, i.UpdatedAt });
            instance.Property(i => i.Number).HasMaxLength(32);
            instance.Property(i => i.OfficeCode).HasMaxLength(40);
            instance.HasMany(i => i.Timeline).WithOne().HasForeignKey(e => e.TicketId);
            instance.Navigation(i => i.Timeline).HasField("_timeline");
        });
        modelBuilder.Entity<TimelineEntry>(entry =>
        {
            entry.ToTable("TimelineEntries");
            entry.HasKey(e => new { e.TicketId, e.Position });
            entry.Property(e => e.Kind).HasMaxLength(40);
            entry.Property(e => e.Actor).HasMaxLength(100);
            entry.Property(e => e.Note).HasMaxLength(2000);
        });
    }
}

public sealed class WorkflowSqliteDbContext(DbContextOptions<WorkflowSqliteDbContext> options, ServiceDbContextDependencies dependencies)
    : WorkflowDbContext(options, dependencies);

public sealed class WorkflowSqlServerDbContext(DbContextOptions<WorkflowSqlServerDbContext> options, ServiceDbContextDependencies dependencies)
    : WorkflowDbContext(options, dependencies);
