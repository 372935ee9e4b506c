using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Ticketing.BuildingBlocks.Messaging;
using Ticketing.Contracts.Events;

namespace Ticketing.BuildingBlocks.Data;

/// <summary>What a service's DbContext needs from the host besides its options.</summary>
public sealed record ServiceDbContextDependencies(TimeProvider Clock, WriteGate Gate, OutboxSignal OutboxSignal);

/// <summary>
/// Base of every service's DbContext: the transactional outbox and the processed-event table live in
/// the service's own database, so an event is saved with the change that caused it.
/// </summary>
public abstract class ServiceDbContext(DbContextOptions options, ServiceDbContextDependencies dependencies) : DbContext(options)
{
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();
    public DbSet<ProcessedEvent> ProcessedEvents => Set<ProcessedEvent>();

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
        var publishes = ChangeTracker.Entries<OutboxMessage>().Any(e => e.State == EntityState.Added);
        foreach (var entry in ChangeTracker.Entries<IVersioned>().Where(e => e.State == EntityState.Modified))
            entry.Entity.Version++;

        var written = await dependencies.Gate.RunAsync(
            () => base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken), cancellationToken);
        if (publishes) dependencies.OutboxSignal.Notify();
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
            outbox.HasIndex(m => new { m.SentAt, m.Sequence });
            outbox.Property(m => m.Topic).HasMaxLength(100);
            outbox.Property(m => m.CloudEventType).HasMaxLength(150);
            outbox.Property(m => m.DeliveredTo).HasMaxLength(400);
            outbox.Property(m => m.TraceParent).HasMaxLength(64);
            outbox.Property(m => m.LastError).HasMaxLength(2000);
        });
        modelBuilder.Entity<ProcessedEvent>(processed =>
        {
            processed.ToTable("ProcessedEvents");
            processed.HasKey(p => new { p.EventId, p.Handler });
            processed.Property(p => p.Handler).HasMaxLength(150);
            processed.Property(p => p.Topic).HasMaxLength(100);
        });
        foreach (var entity in modelBuilder.Model.GetEntityTypes().Where(t => typeof(IVersioned).IsAssignableFrom(t.ClrType)))
            modelBuilder.Entity(entity.ClrType).Property(nameof(IVersioned.Version)).IsConcurrencyToken();
    }

    private sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
        value => value.UtcTicks,
        ticks => new DateTimeOffset(ticks, TimeSpan.Zero));
}
