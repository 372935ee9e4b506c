using Microsoft.EntityFrameworkCore;
using Ticketing.BuildingBlocks.Data;
using Ticketing.Workflow.Instances;
using Ticketing.Workflow.Timers;

namespace Ticketing.Workflow.Data;

public abstract class WorkflowDbContext(DbContextOptions options, ServiceDbContextDependencies dependencies)
    : ServiceDbContext(options, dependencies)
{
    public DbSet<WorkflowInstance> Instances => Set<WorkflowInstance>();
    public DbSet<TimelineEntry> Timeline => Set<TimelineEntry>();
    public DbSet<WorkItem> WorkItems => Set<WorkItem>();
    public DbSet<LifecycleTimer> Timers => Set<LifecycleTimer>();

    protected override void ConfigureDomain(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<WorkflowInstance>(instance =>
        {
            instance.ToTable("WorkflowInstances");
            instance.HasKey(i => i.TicketId);
            instance.HasIndex(i => i.Number).IsUnique();
            instance.HasIndex(i => new { i.State, i.UpdatedAt });
            instance.Property(i => i.Number).HasMaxLength(32);
            instance.Property(i => i.RegionCode).HasMaxLength(20);
            instance.Property(i => i.SubCategory).HasMaxLength(40);
            instance.Property(i => i.DefinitionName).HasMaxLength(60);
            instance.Property(i => i.OfficeCode).HasMaxLength(40);
            instance.Property(i => i.ConcernedStaff).HasMaxLength(100);
            instance.Property(i => i.DirectedOfficeCode).HasMaxLength(40);
            instance.Property(i => i.ReplyToCustomer).HasMaxLength(4000);
            instance.HasMany(i => i.Timeline).WithOne().HasForeignKey(e => e.TicketId);
            instance.Navigation(i => i.Timeline).HasField("_timeline");
            instance.HasMany(i => i.WorkItems).WithOne().HasForeignKey(w => w.TicketId);
            instance.Navigation(i => i.WorkItems).HasField("_workItems");
            instance.HasMany(i => i.Timers).WithOne().HasForeignKey(t => t.TicketId);
            instance.Navigation(i => i.Timers).HasField("_timers");
            instance.Ignore(i => i.RaisedEvents);
            instance.Ignore(i => i.OpenWorkItems);
        });
        modelBuilder.Entity<TimelineEntry>(entry =>
        {
            entry.ToTable("TimelineEntries");
            entry.HasKey(e => new { e.TicketId, e.Position });
            entry.HasIndex(e => new { e.TicketId, e.SourceId });
            entry.Property(e => e.Kind).HasMaxLength(40);
            entry.Property(e => e.Actor).HasMaxLength(100);
            entry.Property(e => e.Role).HasMaxLength(40);
            entry.Property(e => e.Office).HasMaxLength(40);
            entry.Property(e => e.Reason).HasMaxLength(4000);
        });
        modelBuilder.Entity<WorkItem>(item =>
        {
            item.ToTable("WorkItems");
            item.HasKey(w => w.Id);
            item.Property(w => w.Id).ValueGeneratedNever(); // the id its service keeps it by, never made here
            item.HasIndex(w => new { w.TicketId, w.Status });
            item.Property(w => w.OfficeCode).HasMaxLength(40);
            item.Property(w => w.Note).HasMaxLength(2000);
            item.Property(w => w.ClosedReason).HasMaxLength(2000);
        });
        modelBuilder.Entity<LifecycleTimer>(timer =>
        {
            timer.ToTable("LifecycleTimers");
            timer.HasKey(t => t.Id);
            timer.Property(t => t.Id).ValueGeneratedNever();
            // The timer scan reads pending timers by due time on this index, never by loading instances.
            timer.HasIndex(t => new { t.FiredAt, t.CancelledAt, t.DueAt });
            timer.Property(t => t.Trigger).HasMaxLength(40);
            timer.Property(t => t.Reason).HasMaxLength(500);
            timer.Property(t => t.Version).IsConcurrencyToken();
        });
    }
}

public sealed class WorkflowSqliteDbContext(DbContextOptions<WorkflowSqliteDbContext> options, ServiceDbContextDependencies dependencies)
    : WorkflowDbContext(options, dependencies);

public sealed class WorkflowSqlServerDbContext(DbContextOptions<WorkflowSqlServerDbContext> options, ServiceDbContextDependencies dependencies)
    : WorkflowDbContext(options, dependencies);
