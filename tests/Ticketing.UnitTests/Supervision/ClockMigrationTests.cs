using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Time.Testing;
using Ticketing.BuildingBlocks.Data;
using Ticketing.BuildingBlocks.Messaging;
using Ticketing.Supervision.Clocks;
using Ticketing.Supervision.Data;

namespace Ticketing.UnitTests.Supervision;

/// <summary>Clocks from before policies survive the migration with their deadlines, counted round the clock from their start.</summary>
public sealed class ClockMigrationTests
{
    [Fact]
    public async Task Clocks_of_plain_hours_keep_their_deadlines_and_come_due_for_their_warnings_and_notices()
    {
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        var options = new DbContextOptionsBuilder<SupervisionSqliteDbContext>().UseSqlite(connection).Options;
        await using var db = new SupervisionSqliteDbContext(options, new ServiceDbContextDependencies(new FakeTimeProvider(), new WriteGate(true), new OutboxSignal()));
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync("20261130144747_BusinessCalendars");

        var start = new DateTimeOffset(2026, 11, 23, 1, 0, 0, TimeSpan.Zero);
        var (running, breached, stopped) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        foreach (var (item, status, breachedAt, stoppedAt) in new[]
                 {
                     (running, "Running", (long?)null, (long?)null),
                     (breached, "Breached", start.AddHours(24).UtcTicks, (long?)null),
                     (stopped, "Stopped", (long?)null, start.AddHours(2).UtcTicks),
                 })
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO SlaClocks (Id, WorkItemId, TicketId, Number, OfficeCode, Kind, Urgency, Status, StartedAt, Deadline, StoppedAt, BreachedAt, Version)
                VALUES ({Guid.NewGuid()}, {item}, {Guid.NewGuid()}, 'GD20261123-000001', 'SFS-DC', 'handling', 'Normal', {status},
                        {start.UtcTicks}, {start.AddHours(24).UtcTicks}, {stoppedAt}, {breachedAt}, 0)
                """);
        var signFor = Guid.NewGuid();
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO SlaClocks (Id, WorkItemId, TicketId, Number, OfficeCode, Kind, Urgency, Status, StartedAt, Deadline, StoppedAt, BreachedAt, Version)
            VALUES ({Guid.NewGuid()}, {signFor}, {Guid.NewGuid()}, 'GD20261123-000002', 'SFS-DC', 'sign-for', 'Normal', 'Running',
                    {start.UtcTicks}, {start.AddHours(8).UtcTicks}, NULL, NULL, 0)
            """);
        await migrator.MigrateAsync();

        var clocks = await db.Clocks.AsNoTracking().ToDictionaryAsync(c => c.WorkItemId);
        var open = clocks[running];
        Assert.Equal((start.AddHours(24), TimeSpan.FromHours(24), ClockCalendars.NaturalTime, ClockStage.None),
            (open.Deadline, open.Allowed, open.CalendarCode, open.Stage));
        Assert.Equal((start.AddHours(18), start.AddHours(21.6), start.AddHours(18)), (open.YellowAt, open.RedAt, open.NextDueAt!.Value));
        Assert.Equal((ClockStage.Breached, start.AddHours(24)), (clocks[breached].Stage, clocks[breached].NextDueAt!.Value)); // its notice comes next
        Assert.Equal((ClockOutcome.Done, (DateTimeOffset?)null), (clocks[stopped].Outcome, clocks[stopped].NextDueAt));

        // A sign-for clock's work item is its assignment, so its next deadline reaches that assignment's inbox item.
        Assert.Equal((signFor, 0), (clocks[signFor].AssignmentId, clocks[signFor].DeadlineSequence));
        Assert.Null(clocks[running].AssignmentId);
    }
}
