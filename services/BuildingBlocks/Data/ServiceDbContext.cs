using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Ticketing.BuildingBlocks.Messaging;
using Ticketing.Contracts.Events;

namespace Ticketing.BuildingBlocks.Data;

/// <summary>What a service's DbContext needs from the host besides its options.</summary>
public sealed record ServiceDbContextDependencies(TimeProvider Clock, WriteGate Gate, OutboxSignal OutboxSignal);

/// <summary>
/// Base of every service's DbContext: the transactional outbox with its delivery cursors and dead letters,
/// and the inbox (processed and parked events) live in the service's own database, so an event is saved with
/// the change that caused it and a handled event with the change it made.
/// </summary>
public abstract class ServiceDbContext(DbContextOptions options, ServiceDbContextDependencies dependencies) : DbContext(options)
{
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();
    public DbSet<ProcessedEvent> ProcessedEvents => Set<ProcessedEvent>();
    public DbSet<DeliveryCursor> DeliveryCursors => Set<DeliveryCursor>();
    public DbSet<DeadLetter> DeadLetters => Set<DeadLetter>();
    public DbSet<ParkedEvent> ParkedEvents => Set<ParkedEvent>();
    public DbSet<Lease> Leases => Set<Lease>();

    public TimeProvider Clock => dependencies.Clock;

    /// <summary>Queues an integration event; it is stored by the next SaveChanges and published after it.</summary>
    public void Publish(IntegrationEvent integrationEvent)
    {
        if (integrationEvent.OccurredAt == default)
            integrationEvent = integrationEvent with { OccurredAt = Clock.GetUtcNow() };
        Outbox.Add(OutboxMessage.From(integrationEvent));
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var published = ChangeTracker.Entries<OutboxMessage>().Where(e => e.State == EntityState.Added).Select(e => e.Entity.Topic).ToList();
        foreach (var entry in ChangeTracker.Entries<IVersioned>().Where(e => e.State == EntityState.Modified))
            entry.Entity.Version++;

        var written = await dependencies.Gate.RunAsync(
            () => base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken), cancellationToken);
        if (published.Count > 0) dependencies.OutboxSignal.Notify(published);
        return written;
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot compare or order DateTimeOffset; UTC ticks keep deadlines indexable and sortable.
        if (Database.IsSqlite())
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        // Enums are stored by name: readable in the database and safe when members are added or reordered.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(20);
    }

    /// <summary>The service's own tables.</summary>
    protected abstract void ConfigureDomain(ModelBuilder modelBuilder);

    protected sealed override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ConfigureDomain(modelBuilder);
        modelBuilder.Entity<OutboxMessage>(outbox =>
        {
            outbox.ToTable("OutboxMessages");
            outbox.HasKey(m => m.Sequence);
            outbox.HasIndex(m => m.EventId).IsUnique();
            outbox.HasIndex(m => m.OccurredAt);
            outbox.Property(m => m.Topic).HasMaxLength(100);
            outbox.Property(m => m.CloudEventType).HasMaxLength(150);
            outbox.Property(m => m.TraceParent).HasMaxLength(64);
        });
        modelBuilder.Entity<DeliveryCursor>(cursor =>
        {
            cursor.ToTable("DeliveryCursors");
            cursor.HasKey(c => c.Subscriber);
            cursor.Property(c => c.Subscriber).HasMaxLength(100);
            cursor.Property(c => c.LastError).HasMaxLength(DeadLetter.AnswerLength);
        });
        modelBuilder.Entity<DeadLetter>(letter =>
        {
            letter.ToTable("DeadLetters");
            letter.HasKey(d => d.Id);
            letter.HasIndex(d => new { d.Subscriber, d.Status });
            letter.Property(d => d.Subscriber).HasMaxLength(100);
            letter.Property(d => d.Topic).HasMaxLength(100);
            letter.Property(d => d.CloudEventType).HasMaxLength(150);
            letter.Property(d => d.TraceParent).HasMaxLength(64);
            letter.Property(d => d.Reason).HasMaxLength(500);
            letter.Property(d => d.LastAnswer).HasMaxLength(DeadLetter.AnswerLength);
        });
        modelBuilder.Entity<ProcessedEvent>(processed =>
        {
            processed.ToTable("ProcessedEvents");
            processed.HasKey(p => new { p.EventId, p.Handler });
            processed.HasIndex(p => p.ProcessedAt);
            processed.Property(p => p.Handler).HasMaxLength(150);
            processed.Property(p => p.Topic).HasMaxLength(100);
        });
        modelBuilder.Entity<ParkedEvent>(parked =>
        {
            parked.ToTable("ParkedEvents");
            parked.HasKey(p => p.Id);
            parked.HasIndex(p => new { p.EventId, p.Handler }).IsUnique();
            parked.HasIndex(p => p.Key);
            parked.Property(p => p.Handler).HasMaxLength(150);
            parked.Property(p => p.Key).HasMaxLength(64);
            parked.Property(p => p.Topic).HasMaxLength(100);
            parked.Property(p => p.CloudEventType).HasMaxLength(150);
            parked.Property(p => p.Reason).HasMaxLength(DeadLetter.AnswerLength);
        });
        modelBuilder.Entity<Lease>(lease =>
        {
            lease.ToTable("Leases");
            lease.HasKey(l => l.Name);
            lease.Property(l => l.Name).HasMaxLength(100);
            lease.Property(l => l.Holder).HasMaxLength(200);
        });
        foreach (var entity in modelBuilder.Model.GetEntityTypes().Where(t => typeof(IVersioned).IsAssignableFrom(t.ClrType)))
            modelBuilder.Entity(entity.ClrType).Property(nameof(IVersioned.Version)).IsConcurrencyToken();
    }

    private sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
        value => value.UtcTicks,
        ticks => new DateTimeOffset(ticks, TimeSpan.Zero));
}
