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
            handling.Property(c => c.Result).HasConversion<string>().HasMaxLength(20);
            handling.Property(c => c.ResultExplanation).HasMaxLength(HandlingCase.ReasonLength);
            handling.OwnsMany(c => c.Notes, note =>
            {
                note.ToTable("CaseNotes");
                note.WithOwner().HasForeignKey("CaseId");
                note.HasKey(n => n.Id);
                note.Property(n => n.Id).ValueGeneratedNever();
                note.Property(n => n.Text).HasMaxLength(CaseNote.TextLength);
                note.Property(n => n.Visibility).HasConversion<string>().HasMaxLength(10);
                note.Property(n => n.By).HasMaxLength(100);
            });
            handling.OwnsMany(c => c.Attachments, attachment =>
            {
                attachment.ToTable("CaseAttachments");
                attachment.WithOwner().HasForeignKey("CaseId");
                attachment.HasKey(a => a.Id);
                attachment.Property(a => a.Id).ValueGeneratedNever();
                attachment.Property(a => a.FileName).HasMaxLength(200);
                attachment.Property(a => a.ContentType).HasMaxLength(40);
                attachment.Property(a => a.By).HasMaxLength(100);
            });
            handling.OwnsMany(c => c.CoHandlerParts, part =>
            {
                part.ToTable("CaseCoHandlerParts");
                part.WithOwner().HasForeignKey("CaseId");
                part.Property<int>("Id");
                part.HasKey("Id");
                part.Property(p => p.OfficeCode).HasMaxLength(40);
                part.Property(p => p.Report).HasMaxLength(4000);
                part.Property(p => p.ReportedBy).HasMaxLength(100);
                part.Ignore(p => p.Reported);
            });
        });
    }
}

public sealed class FollowUpSqliteDbContext(DbContextOptions<FollowUpSqliteDbContext> options, ServiceDbContextDependencies dependencies)
    : FollowUpDbContext(options, dependencies);

public sealed class FollowUpSqlServerDbContext(DbContextOptions<FollowUpSqlServerDbContext> options, ServiceDbContextDependencies dependencies)
    : FollowUpDbContext(options, dependencies);
