using Microsoft.EntityFrameworkCore;
using Ticketing.BuildingBlocks.Data;
using Ticketing.Dispatch.Assignments;
using Ticketing.Dispatch.Dispatches;

namespace Ticketing.Dispatch.Data;

public abstract class DispatchDbContext(DbContextOptions options, ServiceDbContextDependencies dependencies)
    : ServiceDbContext(options, dependencies)
{
    public DbSet<DispatchRequest> DispatchRequests => Set<DispatchRequest>();
    public DbSet<Assignment> Assignments => Set<Assignment>();

    protected override void ConfigureDomain(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<DispatchRequest>(request =>
        {
            request.HasKey(d => d.Id);
            request.Property(d => d.Id).ValueGeneratedNever(); // the workflow's id for the work item
            request.HasIndex(d => new { d.Status, d.RequestedAt }); // the dispatchers' queue, oldest first
            request.HasIndex(d => d.TicketId);
            request.Property(d => d.Number).HasMaxLength(32);
            request.Property(d => d.RegionCode).HasMaxLength(20);
            request.Property(d => d.DirectedOfficeCode).HasMaxLength(40);
            request.Property(d => d.Reason).HasMaxLength(DispatchRequest.ReasonLength);
            request.Property(d => d.AssignedBy).HasMaxLength(100);
            request.Property(d => d.ClosedReason).HasMaxLength(DispatchRequest.ReasonLength);
        });
        modelBuilder.Entity<Assignment>(assignment =>
        {
            assignment.HasKey(a => a.Id);
            assignment.HasIndex(a => a.TicketId);
            assignment.HasIndex(a => a.DispatchId);
            assignment.HasIndex(a => new { a.OfficeCode, a.Status, a.AssignedAt });
            assignment.Property(a => a.Number).HasMaxLength(32);
            assignment.Property(a => a.RegionCode).HasMaxLength(20);
            assignment.Property(a => a.OfficeCode).HasMaxLength(40);
            assignment.Property(a => a.RoutingReason).HasMaxLength(Assignment.RoutingReasonLength);
            assignment.Property(a => a.SignedBy).HasMaxLength(100);
            assignment.Property(a => a.ReturnReason).HasMaxLength(Assignment.ReasonLength);
            assignment.Property(a => a.ReturnReasonCode).HasMaxLength(ReturnReasons.CodeLength); // by name, wider than the usual 20
            assignment.Property(a => a.ReturnedBy).HasMaxLength(100);
            assignment.Property(a => a.ClosedReason).HasMaxLength(Assignment.ReasonLength);
        });
    }
}

public sealed class DispatchSqliteDbContext(DbContextOptions<DispatchSqliteDbContext> options, ServiceDbContextDependencies dependencies)
    : DispatchDbContext(options, dependencies);

public sealed class DispatchSqlServerDbContext(DbContextOptions<DispatchSqlServerDbContext> options, ServiceDbContextDependencies dependencies)
    : DispatchDbContext(options, dependencies);
