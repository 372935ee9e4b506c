using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Ticketing.BuildingBlocks.Data;
using Ticketing.BuildingBlocks.Messaging;
using Ticketing.Dispatch.Assignments;
using Ticketing.Dispatch.Dispatches;
using Ticketing.Dispatch.Offices;
using Ticketing.Dispatch.Routing;

namespace Ticketing.Dispatch.Data;

public abstract class DispatchDbContext(DbContextOptions options, ServiceDbContextDependencies dependencies)
    : ServiceDbContext(options, dependencies)
{
    public DbSet<DispatchRequest> DispatchRequests => Set<DispatchRequest>();
    public DbSet<Assignment> Assignments => Set<Assignment>();
    public DbSet<Office> Offices => Set<Office>();
    public DbSet<RoutingRule> RoutingRules => Set<RoutingRule>();

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
            request.Property(d => d.SubCategory).HasMaxLength(RoutingRule.SubCategoryLength);
            request.Property(d => d.WaitingReason).HasMaxLength(DispatchRequest.ReasonLength);
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
            assignment.HasIndex(a => a.LeadAssignmentId);
            assignment.HasIndex(a => new { a.OfficeCode, a.DueAt }); // the inbox by deadline: due before, overdue, soonest first
            assignment.Property(a => a.DueKind).HasMaxLength(20);
            assignment.Property(a => a.Report).HasMaxLength(Assignment.ReportLength);
            assignment.Property(a => a.ReportedBy).HasMaxLength(100);
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
        modelBuilder.Entity<Office>(office =>
        {
            office.HasKey(o => o.Code);
            office.Property(o => o.Code).HasMaxLength(Office.CodeLength);
            office.Property(o => o.Name).HasMaxLength(Office.NameLength);
            office.Property(o => o.NameEn).HasMaxLength(Office.NameLength);
            office.Property(o => o.Parent).HasMaxLength(Office.CodeLength);
            office.Property(o => o.CalendarCode).HasMaxLength(Office.CalendarLength);
            office.Property(o => o.TimeZone).HasMaxLength(Office.ZoneLength);
            office.Property(o => o.UpdatedBy).HasMaxLength(100);
            // A handful per office, always read with it: one JSON column rather than a table.
            office.Property(o => o.Contacts).HasConversion(
                contacts => JsonSerializer.Serialize(contacts, EventJson.Options),
                json => JsonSerializer.Deserialize<List<OfficeContact>>(json, EventJson.Options) ?? new List<OfficeContact>(),
                new ValueComparer<List<OfficeContact>>((a, b) => a!.SequenceEqual(b!), c => c.Aggregate(0, (h, x) => HashCode.Combine(h, x)),
                    c => c.ToList()));
        });
        modelBuilder.Entity<RoutingRule>(rule =>
        {
            rule.HasKey(r => r.Id);
            rule.Property(r => r.SubCategory).HasMaxLength(RoutingRule.SubCategoryLength);
            rule.Property(r => r.Region).HasMaxLength(RoutingRule.RegionLength);
            rule.Property(r => r.LeadOffice).HasMaxLength(Office.CodeLength);
            rule.Property(r => r.Why).HasMaxLength(RoutingRule.WhyLength);
            rule.Property(r => r.UpdatedBy).HasMaxLength(100);
        });
    }
}

public sealed class DispatchSqliteDbContext(DbContextOptions<DispatchSqliteDbContext> options, ServiceDbContextDependencies dependencies)
    : DispatchDbContext(options, dependencies);

public sealed class DispatchSqlServerDbContext(DbContextOptions<DispatchSqlServerDbContext> options, ServiceDbContextDependencies dependencies)
    : DispatchDbContext(options, dependencies);
