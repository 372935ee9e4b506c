using Microsoft.EntityFrameworkCore;
using Ticketing.BuildingBlocks.Data;
using Ticketing.Callback.Tasks;

namespace Ticketing.Callback.Data;

public abstract class CallbackDbContext(DbContextOptions options, ServiceDbContextDependencies dependencies)
    : ServiceDbContext(options, dependencies)
{
    public DbSet<CallbackTask> Tasks => Set<CallbackTask>();

    protected override void ConfigureDomain(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<CallbackTask>(task =>
        {
            task.ToTable("CallbackTasks");
            task.HasKey(t => t.Id);
            task.HasIndex(t => new { t.Status, t.DueAt, t.CreatedAt }); // the queue, soonest due first
            task.HasIndex(t => t.TicketId);
            task.Property(t => t.Number).HasMaxLength(32);
            task.Property(t => t.OfficeCode).HasMaxLength(40);
            task.Property(t => t.ReplyToCustomer).HasMaxLength(4000);
            task.Property(t => t.AgentId).HasMaxLength(100);
            task.Property(t => t.Comment).HasMaxLength(2000);
            task.Property(t => t.LastAttemptNote).HasMaxLength(CallbackTask.NoteLength);
            task.Property(t => t.ClosedReason).HasMaxLength(CallbackTask.ReasonLength);
            task.Property(t => t.ClaimedBy).HasMaxLength(100);
            task.OwnsMany(t => t.Calls, call =>
            {
                call.ToTable("CallbackCalls");
                call.WithOwner().HasForeignKey("TaskId");
                call.Property<int>("Id");
                call.HasKey("Id");
                call.Property(c => c.Result).HasConversion<string>().HasMaxLength(20);
                call.Property(c => c.Note).HasMaxLength(CallbackTask.NoteLength);
                call.Property(c => c.AgentId).HasMaxLength(100);
            });
            task.Navigation(t => t.Calls).AutoInclude();
        });
    }
}

public sealed class CallbackSqliteDbContext(DbContextOptions<CallbackSqliteDbContext> options, ServiceDbContextDependencies dependencies)
    : CallbackDbContext(options, dependencies);

public sealed class CallbackSqlServerDbContext(DbContextOptions<CallbackSqlServerDbContext> options, ServiceDbContextDependencies dependencies)
    : CallbackDbContext(options, dependencies);
