using Microsoft.EntityFrameworkCore;
using Ticketing.BuildingBlocks.Data;
using Ticketing.FollowUp.Cases;

namespace Ticketing.FollowUp.Data;

public abstract class FollowUpDbContext(DbContextOptions options, ServiceDbContextDependencies dependencies)
    : ServiceDbContext(options, dependencies)
{
    public DbSet<HandlingCase> Cases => Set<HandlingCase>();

    protected override void ConfigureDomain(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<HandlingCase>(handling =>
        {
            handling.ToTable("HandlingCases");
            handling.HasKey(c => c.Id);
            handling.HasIndex(c => c.TicketId);
            handling.HasIndex(c => new { c.OfficeCode, c.Status, c.OpenedAt }); // an office's inbox
            handling.Property(c => c.Number).HasMaxLength(32);
            handling.Property(c => c.OfficeCode).HasMaxLength(40);
            handling.Property(c => c.OpenReason).HasMaxLength(HandlingCase.ReasonLength);
            handling.Property(c => c.ReplyToCustomer).HasMaxLength(4000);
            handling.Property(c => c.CompletedBy).HasMaxLength(100);
            handling.Property(c => c.ClosedReason).HasMaxLength(HandlingCase.ReasonLength);
        });
    }
}

public sealed class FollowUpSqliteDbContext(DbContextOptions<FollowUpSqliteDbContext> options, ServiceDbContextDependencies dependencies)
    : FollowUpDbContext(options, dependencies);

public sealed class FollowUpSqlServerDbContext(DbContextOptions<FollowUpSqlServerDbContext> options, ServiceDbContextDependencies dependencies)
    : FollowUpDbContext(options, dependencies);
