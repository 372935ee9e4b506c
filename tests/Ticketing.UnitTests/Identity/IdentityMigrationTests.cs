using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using NetArchTest.Rules;
using Ticketing.Identity.Data;

namespace Ticketing.UnitTests.Identity;

/// <summary>
/// The identity database is not a ServiceDbContext (no outbox: it has no events), so Architecture/MigrationTests does
/// not see it; the same checks here: both providers' migrations match the model and build the schema.
/// </summary>
public sealed class IdentityMigrationTests
{
    [Fact]
    public void Sqlite_migrations_match_the_model_and_build_the_schema()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var db = new IdentitySqliteDbContext(new DbContextOptionsBuilder<IdentitySqliteDbContext>().UseSqlite(connection).Options);
        Assert.False(db.Database.HasPendingModelChanges(), "IdentitySqliteDbContext: run tools/add-migration.sh Identity <Name>");
        db.Database.Migrate();
        Assert.Empty(db.Database.GetPendingMigrations());
        Assert.Equal(0, db.Users.Count());
        Assert.Equal(0, db.Set<OpenIddict.EntityFrameworkCore.Models.OpenIddictEntityFrameworkCoreToken>().Count());
    }

    [Fact]
    public void SqlServer_migrations_match_the_model_and_script_the_schema()
    {
        using var db = new IdentitySqlServerDbContext(new DbContextOptionsBuilder<IdentitySqlServerDbContext>()
            .UseSqlServer("Server=127.0.0.1,1;Database=identity;Connect Timeout=1").Options);
        Assert.False(db.Database.HasPendingModelChanges(), "IdentitySqlServerDbContext: run tools/add-migration.sh Identity <Name>");
        var script = db.GetService<IMigrator>().GenerateScript();
        Assert.Contains("CREATE TABLE [AspNetUsers]", script);
        Assert.Contains("[OfficeCode] nvarchar(40) NULL", script);
        Assert.Contains("CREATE TABLE [OpenIddictTokens]", script);
        Assert.Contains("CREATE TABLE [OpenIddictApplications]", script);
    }

    [Fact]
    public void The_identity_service_uses_no_other_service()
    {
        var identity = typeof(IdentityStoreDbContext).Assembly;
        var others = Architecture.ServiceTopology.Services.Select(a => a.GetName().Name!).ToArray();
        Assert.True(Types.InAssembly(identity).ShouldNot().HaveDependencyOnAny(others).GetResult().IsSuccessful);
        Assert.DoesNotContain(identity.GetReferencedAssemblies(), r => others.Contains(r.Name));
        Assert.Equal("Ticketing.Identity", identity.GetName().Name);
        Assert.NotNull(identity.GetType("Ticketing.Identity.Data.IdentitySqliteDbContext"));
    }
}
