using Ticketing.BuildingBlocks.Access;
using Ticketing.UnitTests.Access;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Ticketing.BuildingBlocks.Data;
using Ticketing.BuildingBlocks.Hosting;
using Ticketing.BuildingBlocks.Messaging;
using Ticketing.Intake.Data;

namespace Ticketing.UnitTests.BuildingBlocks;

/// <summary>Configuration picks the transport and the database; the application code sees neither choice.</summary>
public sealed class HostingTests
{
    [Fact]
    public void The_embedded_default_uses_sqlite_a_serialising_gate_and_the_embedded_transport()
    {
        using var app = Build([]);
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IntakeDbContext>();
        Assert.IsType<IntakeSqliteDbContext>(db);
        Assert.True(db.Database.IsSqlite());
        Assert.IsType<EmbeddedTransport>(app.Services.GetRequiredService<IEventTransport>());
        Assert.Same(db, scope.ServiceProvider.GetRequiredService<ServiceDbContext>());
    }

    [Fact]
    public void Production_settings_use_sql_server_and_dapr()
    {
        using var app = Build([
            "--Ticketing:DatabaseProvider=SqlServer", "--Ticketing:Transport=Dapr",
            "--ConnectionStrings:intake=Server=db;Database=intake;User Id=u;Password=p"]);
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IntakeDbContext>();
        Assert.IsType<IntakeSqlServerDbContext>(db);
        Assert.True(db.Database.IsSqlServer());
        Assert.Contains("Initial Catalog=intake", db.Database.GetConnectionString());
        Assert.IsType<DaprTransport>(app.Services.GetRequiredService<IEventTransport>());
    }

    [Fact]
    public void SQL_server_without_a_connection_string_is_refused_at_start()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => Build(["--Ticketing:DatabaseProvider=SqlServer"]));
        Assert.Contains("ConnectionStrings:intake", refused.Message);
    }

    [Fact]
    public void Queries_go_to_the_loopback_peer_or_through_dapr_service_invocation()
    {
        var embedded = new PeerDirectory(Options.Create(new TicketingOptions { Services = { ["intake"] = "http://127.0.0.1:5081/" } }));
        Assert.Equal(new Uri("http://127.0.0.1:5081"), embedded.BaseAddressFor("intake"));
        Assert.Throws<InvalidOperationException>(() => embedded.BaseAddressFor("nowhere"));

        var dapr = new PeerDirectory(Options.Create(new TicketingOptions { Transport = EventTransport.Dapr }));
        Assert.Matches(@"^http://127\.0\.0\.1:\d+/v1\.0/invoke/intake/method$", dapr.BaseAddressFor("intake").ToString());
    }

    private static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder([$"--Ticketing:DataDir={Path.GetTempPath()}", .. args]);
        builder.AddServiceDefaults("intake");
        builder.AddAccess();
        builder.TrustTestIssuer();
        builder.AddServiceDatabase<IntakeDbContext, IntakeSqliteDbContext, IntakeSqlServerDbContext>();
        return builder.Build();
    }
}
