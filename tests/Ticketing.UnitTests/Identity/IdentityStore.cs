using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ticketing.Identity.Connect;
using Ticketing.Identity.Data;
using Ticketing.Identity.Users;

namespace Ticketing.UnitTests.Identity;

/// <summary>The identity service's stores (users, roles, OpenIddict's applications) on its real SQLite schema, in memory.</summary>
public sealed class IdentityStore : IDisposable
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");
    private readonly ServiceProvider _services;

    public IdentityStore()
    {
        _connection.Open();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDbContext<IdentitySqliteDbContext>(db => db.UseSqlite(_connection));
        services.AddScoped<IdentityStoreDbContext>(sp => sp.GetRequiredService<IdentitySqliteDbContext>());
        services.AddUserStore();
        services.AddTokenStore();
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        using var scope = _services.CreateScope();
        scope.ServiceProvider.GetRequiredService<IdentityStoreDbContext>().Database.Migrate();
    }

    /// <summary>A fresh unit of work, as one start of the service or one request has.</summary>
    public AsyncServiceScope Scope() => _services.CreateAsyncScope();

    public void Dispose()
    {
        _services.Dispose();
        _connection.Dispose();
    }
}
