using Microsoft.EntityFrameworkCore;
using Ticketing.BuildingBlocks.Data;
using Ticketing.Reporting.Facts;

namespace Ticketing.Reporting.Data;

/// <summary>Reporting's read model: the facts the events told, each under its natural key; figures are counted from them when asked.</summary>
public abstract class ReportingDbContext(DbContextOptions options, ServiceDbContextDependencies dependencies)
    : ServiceDbContext(options, dependencies)
{
    public DbSet<TicketFact> Tickets => Set<TicketFact>();
    public DbSet<AssignmentFact> Assignments => Set<AssignmentFact>();
    public DbSet<OfficeName> OfficeNames => Set<OfficeName>();
    public DbSet<HandlingCaseFact> HandlingCases => Set<HandlingCaseFact>();
    public DbSet<BreachFact> Breaches => Set<BreachFact>();
    public DbSet<CallbackDone> CallbacksDone => Set<CallbackDone>();
    public DbSet<CallbackAttemptFailed> FailedAttempts => Set<CallbackAttemptFailed>();
    public DbSet<SatisfactionAnswer> Answers => Set<SatisfactionAnswer>();

    /// <summary>The ticket's facts, started by whichever of its events comes first.</summary>
    public async Task<TicketFact> TicketAsync(Guid ticketId, CancellationToken cancellationToken) =>
        await Tickets.FindAsync([ticketId], cancellationToken) ?? Tickets.Add(TicketFact.Of(ticketId)).Entity;

    public async Task<AssignmentFact> AssignmentAsync(Guid assignmentId, Guid ticketId, string officeCode, CancellationToken cancellationToken) =>
        await Assignments.FindAsync([assignmentId], cancellationToken) ?? Assignments.Add(AssignmentFact.Of(assignmentId, ticketId, officeCode)).Entity;

    public async Task<HandlingCaseFact> HandlingCaseAsync(Guid caseId, Guid ticketId, string officeCode, CancellationToken cancellationToken) =>
        await HandlingCases.FindAsync([caseId], cancellationToken) ?? HandlingCases.Add(HandlingCaseFact.Of(caseId, ticketId, officeCode)).Entity;

    protected override void ConfigureDomain(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<TicketFact>(ticket =>
        {
            ticket.ToTable("TicketFacts");
            ticket.HasKey(t => t.TicketId);
            ticket.Property(t => t.ReceivedBy).HasMaxLength(100);
            ticket.Property(t => t.ConcernedStaff).HasMaxLength(100);
            ticket.Property(t => t.ResolvedBy).HasMaxLength(100);
            ticket.Property(t => t.Category).HasConversion<string>().HasMaxLength(20);
            ticket.HasIndex(t => t.ReceivedAt);
            ticket.HasIndex(t => t.ClosedUnreachableAt);
        });
        modelBuilder.Entity<AssignmentFact>(assignment =>
        {
            assignment.ToTable("AssignmentFacts");
            assignment.HasKey(a => a.AssignmentId);
            assignment.Property(a => a.OfficeCode).HasMaxLength(50);
            assignment.Ignore(a => a.Done);
            assignment.HasIndex(a => a.TicketId);
            assignment.HasIndex(a => a.AssignedAt);
            assignment.HasIndex(a => a.SignedAt);
            assignment.HasIndex(a => a.ReturnedAt);
        });
        modelBuilder.Entity<OfficeName>(office =>
        {
            office.ToTable("OfficeNames");
            office.HasKey(o => o.OfficeCode);
            office.Property(o => o.OfficeCode).HasMaxLength(50);
            office.Property(o => o.Name).HasMaxLength(200);
        });
        modelBuilder.Entity<HandlingCaseFact>(handling =>
        {
            handling.ToTable("HandlingCaseFacts");
            handling.HasKey(c => c.CaseId);
            handling.Property(c => c.OfficeCode).HasMaxLength(50);
            handling.Property(c => c.MeasureFailure).HasMaxLength(500);
            handling.Ignore(c => c.IsReopen);
            handling.Ignore(c => c.AwaitsMeasure);
            handling.HasIndex(c => c.TicketId);
            handling.HasIndex(c => c.RequestedAt);
            handling.HasIndex(c => c.CompletedAt);
        });
        modelBuilder.Entity<BreachFact>(breach =>
        {
            breach.ToTable("BreachFacts");
            breach.HasKey(b => new { b.WorkItemId, b.Clock });
            breach.Property(b => b.Clock).HasMaxLength(30);
            breach.Property(b => b.OfficeCode).HasMaxLength(50);
            breach.Ignore(b => b.Stands);
            breach.HasIndex(b => b.BreachedAt);
        });
        modelBuilder.Entity<CallbackDone>(done =>
        {
            done.ToTable("CallbacksDone");
            done.HasKey(d => d.CallbackTaskId);
            done.Property(d => d.AgentId).HasMaxLength(100);
            done.HasIndex(d => d.DoneAt);
        });
        modelBuilder.Entity<CallbackAttemptFailed>(failed =>
        {
            failed.ToTable("CallbackAttemptsFailed");
            failed.HasKey(f => new { f.CallbackTaskId, f.Attempt });
            failed.Property(f => f.AgentId).HasMaxLength(100);
            failed.HasIndex(f => f.TicketId);
        });
        modelBuilder.Entity<SatisfactionAnswer>(answer =>
        {
            answer.ToTable("SatisfactionAnswers");
            answer.HasKey(a => a.ResponseId);
            answer.Property(a => a.Satisfaction).HasConversion<string>().HasMaxLength(20);
            answer.HasIndex(a => a.AnsweredAt);
            answer.HasIndex(a => a.TicketId);
        });
    }
}

public sealed class ReportingSqliteDbContext(DbContextOptions<ReportingSqliteDbContext> options, ServiceDbContextDependencies dependencies)
    : ReportingDbContext(options, dependencies);

public sealed class ReportingSqlServerDbContext(DbContextOptions<ReportingSqlServerDbContext> options, ServiceDbContextDependencies dependencies)
    : ReportingDbContext(options, dependencies);
