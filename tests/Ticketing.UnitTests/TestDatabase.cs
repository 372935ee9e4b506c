using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Time.Testing;
using Ticketing.BuildingBlocks.Data;
using Ticketing.BuildingBlocks.Messaging;

namespace Ticketing.UnitTests;

/// <summary>A service's real SQLite schema (its migrations applied) in memory, with a clock the test moves.</summary>
public sealed class TestDatabase<TContext> : IDisposable where TContext : ServiceDbContext
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");
    private readonly ServiceDbContextDependencies _dependencies;

    /// <param name="migrateTo">A migration to stop at (a test then writes what an older schema held and migrates on); the newest when null.</param>
    public TestDatabase(string? migrateTo = null)
    {
        _dependencies = new ServiceDbContextDependencies(Clock, new WriteGate(serialise: true), new OutboxSignal());
        _connection.Open();
        using var db = NewContext();
        if (migrateTo is null) db.Database.Migrate();
        else db.GetService<IMigrator>().Migrate(migrateTo);
    }

    /// <summary>Monday 2026-11-23 09:00 in Shanghai.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 23, 1, 0, 0, TimeSpan.Zero));

    public TContext NewContext() => (TContext)Activator.CreateInstance(typeof(TContext),
        new DbContextOptionsBuilder<TContext>().UseSqlite(_connection).Options, _dependencies)!;

    /// <summary>The integration events saved so far, oldest first.</summary>
    public List<(string Topic, string Payload)> PublishedEvents()
    {
        using var db = NewContext();
        return db.Outbox.OrderBy(m => m.Sequence).Select(m => new { m.Topic, m.Payload }).AsEnumerable()
            .Select(m => (m.Topic, m.Payload)).ToList();
    }

    public void Dispose() => _connection.Dispose();
}
