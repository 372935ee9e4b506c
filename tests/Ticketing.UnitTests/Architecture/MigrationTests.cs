using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Time.Testing;
using Ticketing.BuildingBlocks.Data;
using Ticketing.BuildingBlocks.Messaging;

namespace Ticketing.UnitTests.Architecture;

/// <summary>
/// Both providers have migrations that match the model. No SQL Server runs here, so its path is checked as
/// far as it goes without one: the model, the migrations and the SQL script they generate.
/// </summary>
public sealed class MigrationTests
{
    private static readonly ServiceDbContextDependencies Dependencies = new(new FakeTimeProvider(), new WriteGate(true), new OutboxSignal());

    public static TheoryData<Type> SqliteContexts() => new(ServiceTopology.ProviderContexts("Sqlite"));
    public static TheoryData<Type> SqlServerContexts() => new(ServiceTopology.ProviderContexts("SqlServer"));

    [Fact]
    public void Every_service_has_a_context_per_provider() =>
        Assert.Equal((8, 8), (ServiceTopology.ProviderContexts("Sqlite").Count(), ServiceTopology.ProviderContexts("SqlServer").Count()));

    [Theory]
    [MemberData(nameof(SqliteContexts))]
    public void Sqlite_migrations_match_the_model_and_build_the_schema(Type contextType)
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var db = Create(contextType, o => o.UseSqlite(connection));
        Assert.False(db.Database.HasPendingModelChanges(), $"{contextType.Name}: run tools/add-migration.sh");
        Assert.NotEmpty(db.Database.GetMigrations());
        db.Database.Migrate();
        Assert.Empty(db.Database.GetPendingMigrations());
        Assert.Equal(0, db.Outbox.Count());
    }

    [Theory]
    [MemberData(nameof(SqlServerContexts))]
    public void SqlServer_migrations_match_the_model_and_script_the_schema(Type contextType)
    {
        using var db = Create(contextType, o => o.UseSqlServer("Server=127.0.0.1,1;Database=ticketing;Connect Timeout=1"));
        Assert.False(db.Database.HasPendingModelChanges(), $"{contextType.Name}: run tools/add-migration.sh");
        var script = db.GetService<IMigrator>().GenerateScript();
        Assert.Contains("CREATE TABLE [OutboxMessages]", script);
        Assert.Contains("CREATE TABLE [ProcessedEvents]", script);
        Assert.Contains("datetimeoffset", script);
    }

    private static ServiceDbContext Create(Type contextType, Action<DbContextOptionsBuilder> configure)
    {
        var builder = (DbContextOptionsBuilder)Activator.CreateInstance(typeof(DbContextOptionsBuilder<>).MakeGenericType(contextType))!;
        configure(builder);
        return (ServiceDbContext)Activator.CreateInstance(contextType, builder.Options, Dependencies)!;
    }
}
