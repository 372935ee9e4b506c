using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Time.Testing;
using Ticketing.BuildingBlocks.Data;
using Ticketing.BuildingBlocks.Json;
using Ticketing.BuildingBlocks.Messaging;
using Ticketing.Contracts;
using Ticketing.Contracts.Events;
using Ticketing.Dispatch.Assignments;
using Ticketing.Dispatch.Data;

namespace Ticketing.UnitTests.Dispatch;

/// <summary>退回原因: the code an office returns its work with, beside its own words, stored and read back.</summary>
public sealed class ReturnReasonTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-23T01:00:00Z");

    private static Assignment AtDongcheng() => Assignment.Create(Guid.NewGuid(), Guid.NewGuid(), "GD20261123-000001", Category.Complaint,
        Urgency.Normal, "DC", "SFS-DC", "jurisdiction over region DC", Now);

    [Fact]
    public async Task A_return_stores_its_code_and_keeps_its_text_and_both_survive_a_supersede()
    {
        using var database = new TestDatabase<DispatchSqliteDbContext>();
        var assignment = AtDongcheng();
        assignment.Return("SFS-DC", ReturnReason.InformationIncomplete, " 缺少具体地址，无法现场核实 ", "clerk", Now);
        Assert.Equal((ReturnReason.InformationIncomplete, "缺少具体地址，无法现场核实"), (assignment.ReturnReasonCode, assignment.ReturnReason));
        await using (var db = database.NewContext())
        {
            db.Assignments.Add(assignment);
            await db.SaveChangesAsync();
        }

        await using (var db = database.NewContext())
        {
            var stored = await db.Assignments.SingleAsync();
            Assert.Equal((AssignmentStatus.Returned, ReturnReason.InformationIncomplete, "缺少具体地址，无法现场核实"),
                (stored.Status, stored.ReturnReasonCode, stored.ReturnReason));
            Assert.True(stored.Close(WorkItemOutcome.Superseded, "Returns reached their limit", Now));
            await db.SaveChangesAsync();
        }

        await using var check = database.NewContext();
        var superseded = await check.Assignments.AsNoTracking().SingleAsync();
        Assert.Equal((AssignmentStatus.Superseded, ReturnReason.InformationIncomplete, "缺少具体地址，无法现场核实"),
            (superseded.Status, superseded.ReturnReasonCode, superseded.ReturnReason)); // what the office said stays on record
        Assert.Equal("InformationIncomplete", await check.Database.SqlQuery<string>($"SELECT ReturnReasonCode AS Value FROM Assignments").SingleAsync());
    }

    [Fact]
    public void Every_code_is_listed_once_in_order_with_its_chinese_name_and_fits_its_column()
    {
        Assert.Equal(Enum.GetValues<ReturnReason>(), ReturnReasons.All.Select(r => r.Code));
        Assert.All(ReturnReasons.All, r => Assert.False(string.IsNullOrWhiteSpace(r.Name)));
        Assert.Equal(ReturnReasons.All.Count, ReturnReasons.All.Select(r => r.Name).Distinct().Count());
        Assert.Equal(("不属于本单位管辖", "其他"), (ReturnReasons.All[0].Name, ReturnReasons.All[^1].Name));
        Assert.All(Enum.GetNames<ReturnReason>(), name => Assert.InRange(name.Length, 1, ReturnReasons.CodeLength));
    }

    [Fact]
    public void The_request_reads_the_code_by_name_and_a_missing_or_unknown_one_names_the_member()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        RequestJson.Apply(options);

        var read = JsonSerializer.Deserialize<ReturnAssignment>("""{"officeCode":"SFS-DC","reasonCode":"duplicateOfAnother","reason":"同GD20261123-000001"}""", options)!;
        Assert.Equal(new ReturnAssignment("SFS-DC", ReturnReason.DuplicateOfAnother, "同GD20261123-000001"), read);

        var unknown = Assert.Throws<JsonException>(() =>
            JsonSerializer.Deserialize<ReturnAssignment>("""{"officeCode":"SFS-DC","reasonCode":"TooBusy","reason":"x"}""", options));
        Assert.Equal("$.reasonCode", unknown.Path);
        Assert.Contains(string.Join(", ", Enum.GetNames<ReturnReason>()), unknown.Message);

        foreach (var bad in new[] { "1", "\"1\"", "\"Other, NotOurDuty\"", "null" })
            Assert.Throws<JsonException>(() =>
                JsonSerializer.Deserialize<ReturnAssignment>($$"""{"officeCode":"SFS-DC","reasonCode":{{bad}},"reason":"x"}""", options));

        var missing = Assert.Throws<JsonException>(() =>
            JsonSerializer.Deserialize<ReturnAssignment>("""{"officeCode":"SFS-DC","reason":"x"}""", options));
        Assert.Contains("'reasonCode'", missing.Message);
    }

    [Fact]
    public async Task Returns_from_before_the_codes_keep_their_text_and_get_Other()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        await using var db = new DispatchSqliteDbContext(new DbContextOptionsBuilder<DispatchSqliteDbContext>().UseSqlite(connection).Options,
            new ServiceDbContextDependencies(new FakeTimeProvider(), new WriteGate(serialise: true), new OutboxSignal()));
        var migrator = db.GetService<IMigrator>();
        var before = db.Database.GetMigrations().TakeWhile(m => !m.EndsWith("_ReturnReasonCodes", StringComparison.Ordinal)).Last();
        await migrator.MigrateAsync(before);
        var (returned, superseded, waiting) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO Assignments (Id, DispatchId, TicketId, Number, Category, Urgency, RegionCode, OfficeCode, RoutingReason, Status,
                                     AssignedAt, ReturnReason, ReturnedAt, ReturnedBy, ClosedReason, ClosedAt, Version)
            VALUES ({returned}, {Guid.NewGuid()}, {Guid.NewGuid()}, 'GD20261123-000001', 'Complaint', 'Normal', 'DC', 'SFS-DC', 'r', 'Returned',
                    0, '不属于本辖区', 1, 'clerk', NULL, NULL, 1),
                   ({superseded}, {Guid.NewGuid()}, {Guid.NewGuid()}, 'GD20261123-000002', 'Complaint', 'Normal', 'DC', 'SFS-DC', 'r', 'Superseded',
                    0, '第三次退回', 1, 'clerk', 'Returns reached their limit', 2, 2),
                   ({waiting}, {Guid.NewGuid()}, {Guid.NewGuid()}, 'GD20261123-000003', 'Complaint', 'Normal', 'DC', 'SFS-DC', 'r', 'Assigned',
                    0, NULL, NULL, NULL, NULL, NULL, 0)
            """);
        await migrator.MigrateAsync();

        var assignments = await db.Assignments.AsNoTracking().ToDictionaryAsync(a => a.Id);
        Assert.Equal((ReturnReason.Other, "不属于本辖区", AssignmentStatus.Returned),
            (assignments[returned].ReturnReasonCode, assignments[returned].ReturnReason, assignments[returned].Status));
        Assert.Equal((ReturnReason.Other, "第三次退回", AssignmentStatus.Superseded),
            (assignments[superseded].ReturnReasonCode, assignments[superseded].ReturnReason, assignments[superseded].Status));
        Assert.Equal((null, null, AssignmentStatus.Assigned),
            (assignments[waiting].ReturnReasonCode, assignments[waiting].ReturnReason, assignments[waiting].Status));
    }
}
