using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Ticketing.BuildingBlocks.Data;
using Ticketing.BuildingBlocks.Hosting;
using Ticketing.Identity.Connect;
using Ticketing.Identity.Users;

namespace Ticketing.Identity.Data;

public static class IdentityDatabase
{
    /// <summary>
    /// The provider the other services use, chosen the same way (<c>Ticketing:DatabaseProvider</c>; SQLite file
    /// <c>&lt;data&gt;/identity.db</c>, or <c>ConnectionStrings:identity</c>), each with its own migrations, applied
    /// at start; then the roles, the clients and (in the sample) the sample users are put in place.
    /// </summary>
    public static WebApplicationBuilder AddIdentityDatabase(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(TicketingOptions.Section).Get<TicketingOptions>() ?? new();
        var connectionString = DatabaseSetup.ConnectionStringFor(builder.Configuration, options);
        if (options.DatabaseProvider == DatabaseProvider.Sqlite)
        {
            builder.Services.AddDbContext<IdentitySqliteDbContext>(db => db.UseSqlite(connectionString));
            builder.Services.AddScoped<IdentityStoreDbContext>(sp => sp.GetRequiredService<IdentitySqliteDbContext>());
        }
        else
        {
            builder.Services.AddDbContext<IdentitySqlServerDbContext>(db => db.UseSqlServer(connectionString, sql => sql.EnableRetryOnFailure()));
            builder.Services.AddScoped<IdentityStoreDbContext>(sp => sp.GetRequiredService<IdentitySqlServerDbContext>());
        }
        builder.Services.AddSingleton<IdentityDatabaseReadiness>();
        builder.Services.AddHostedService<IdentityDatabaseStartup>();
        builder.Services.AddHealthChecks()
            .AddCheck<IdentityDatabaseReadiness>("migrations", tags: ["ready"])
            .AddDbContextCheck<IdentityStoreDbContext>("database", tags: ["ready"]);
        return builder;
    }
}

/// <summary>Ready only once the schema is migrated and the roles and clients are in place.</summary>
public sealed class IdentityDatabaseReadiness : IHealthCheck
{
    public bool Ready { get; set; }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(Ready ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("Migrations and seeding have not finished."));
}

/// <summary>Before the service takes requests: migrations, roles, clients, and the sample users where configured.</summary>
internal sealed class IdentityDatabaseStartup(
    IServiceProvider services, IdentityDatabaseReadiness readiness, IOptions<IdentityServiceOptions> options, ILogger<IdentityDatabaseStartup> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityStoreDbContext>();
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);

        await RoleSeeding.SeedAsync(scope.ServiceProvider, cancellationToken);
        await ClientRegistration.RegisterAsync(scope.ServiceProvider, options.Value, cancellationToken);
        if (options.Value.SeedSampleUsers)
        {
            var created = await SampleUsers.SeedAsync(scope.ServiceProvider, options.Value.SamplePassword, cancellationToken);
            logger.LogInformation("Sample users in place ({Created} created now)", created);
        }
        readiness.Ready = true;
        logger.LogInformation("Database {Database} is migrated", db.Database.GetDbConnection().DataSource);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
