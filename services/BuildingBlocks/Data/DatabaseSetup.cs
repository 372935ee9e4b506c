using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Ticketing.BuildingBlocks.Hosting;
using Ticketing.BuildingBlocks.Messaging;

namespace Ticketing.BuildingBlocks.Data;

public static class DatabaseSetup
{
    /// <summary>
    /// Registers the service's database: <typeparamref name="TSqlite"/> on the embedded default,
    /// <typeparamref name="TSqlServer"/> in production. Each has its own migrations; the app code only
    /// sees <typeparamref name="TContext"/>. Also runs the outbox (relay, backlog, clean-up) and the inbox on this database.
    /// </summary>
    public static WebApplicationBuilder AddServiceDatabase<TContext, TSqlite, TSqlServer>(this WebApplicationBuilder builder)
        where TContext : ServiceDbContext
        where TSqlite : TContext
        where TSqlServer : TContext
    {
        var options = builder.Configuration.GetSection(TicketingOptions.Section).Get<TicketingOptions>() ?? new();
        var provider = options.DatabaseProvider;
        var connectionString = ConnectionStringFor(builder.Configuration, options);

        if (provider == DatabaseProvider.Sqlite)
        {
            builder.Services.AddDbContext<TSqlite>(db => db.UseSqlite(connectionString));
            builder.Services.AddScoped<TContext>(sp => sp.GetRequiredService<TSqlite>());
        }
        else
        {
            builder.Services.AddDbContext<TSqlServer>(db => db.UseSqlServer(connectionString,
                sql => sql.EnableRetryOnFailure()));
            builder.Services.AddScoped<TContext>(sp => sp.GetRequiredService<TSqlServer>());
        }
        builder.Services.AddScoped<ServiceDbContext>(sp => sp.GetRequiredService<TContext>());
        builder.Services.AddSingleton(new WriteGate(serialise: provider == DatabaseProvider.Sqlite));
        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddSingleton<ServiceDbContextDependencies>();
        builder.Services.AddSingleton<DatabaseReadiness>();
        var listensOn = builder.Configuration["urls"];
        builder.Services.AddSingleton(sp => new Leases(sp.GetRequiredService<IServiceScopeFactory>(), sp.GetRequiredService<WriteGate>(),
            sp.GetRequiredService<TimeProvider>(), string.IsNullOrWhiteSpace(listensOn) ? null : $"{options.AppId}@{listensOn}"));
        builder.Services.AddSingleton<DeliveryBacklog>();
        builder.Services.AddScoped<EventInbox>();
        builder.Services.AddHostedService<DatabaseMigrator<TContext>>();
        builder.Services.AddHostedService<OutboxRelay>();
        builder.Services.AddHostedService<OutboxRetention>();
        builder.Services.AddHealthChecks()
            .AddCheck<DatabaseReadiness>("migrations", tags: ["ready"])
            .AddDbContextCheck<TContext>("database", tags: ["ready"])
            .AddCheck<DeliveryBacklog>("event-delivery", tags: ["ready"]);
        return builder;
    }

    /// <summary><c>ConnectionStrings:{appId}</c> when given; on SQLite otherwise a file under the data folder.</summary>
    public static string ConnectionStringFor(IConfiguration configuration, TicketingOptions options)
    {
        var configured = configuration.GetConnectionString(options.AppId);
        if (!string.IsNullOrWhiteSpace(configured)) return configured;
        if (options.DatabaseProvider == DatabaseProvider.SqlServer)
            throw new InvalidOperationException($"SQL Server needs ConnectionStrings:{options.AppId}.");
        var dataDir = Path.GetFullPath(options.DataDir);
        Directory.CreateDirectory(dataDir);
        return $"Data Source={Path.Combine(dataDir, options.AppId + ".db")}";
    }
}

/// <summary>Ready only once the schema is migrated.</summary>
public sealed class DatabaseReadiness : IHealthCheck
{
    public bool Migrated { get; set; }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(Migrated ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("Database migrations have not finished."));
}

/// <summary>Applies the provider's migrations before the service takes requests.</summary>
internal sealed class DatabaseMigrator<TContext>(
    IServiceProvider services, IEventTransport transport, DatabaseReadiness readiness, ILogger<DatabaseMigrator<TContext>> logger)
    : IHostedService where TContext : ServiceDbContext
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        await StartDeliveryCursorsAsync(db, cancellationToken);
        // Compile the query every event handler starts with, so the first event does not pay for it.
        await db.ProcessedEvents.AnyAsync(p => p.EventId == Guid.Empty && p.Handler == "", cancellationToken);
        readiness.Migrated = true;
        logger.LogInformation("Database {Database} is migrated", db.Database.GetDbConnection().DataSource);
    }

    /// <summary>
    /// Every destination gets its cursor before the first request can publish: on a new database at the
    /// start, for a subscriber added later at the present (like any new pub/sub subscription).
    /// </summary>
    private async Task StartDeliveryCursorsAsync(TContext db, CancellationToken cancellationToken)
    {
        var known = await db.DeliveryCursors.Select(c => c.Subscriber).ToListAsync(cancellationToken);
        var from = known.Count == 0 ? 0 : await db.Outbox.MaxAsync(m => (long?)m.Sequence, cancellationToken) ?? 0;
        foreach (var destination in transport.Destinations.Except(known, StringComparer.OrdinalIgnoreCase))
            db.DeliveryCursors.Add(DeliveryCursor.StartAt(destination, from));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear(); // another instance on the same database created them first
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
