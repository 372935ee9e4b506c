using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ticketing.Supervision.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SlaPoliciesClocksAndNotices : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "Allowed",
                table: "SlaClocks",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "AnchoredAt",
                table: "SlaClocks",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "CalendarCode",
                table: "SlaClocks",
                type: "TEXT",
                maxLength: 40,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Category",
                table: "SlaClocks",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "NextDueAt",
                table: "SlaClocks",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "NextLevelAt",
                table: "SlaClocks",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "NoticeLevel",
                table: "SlaClocks",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "OriginalDeadline",
                table: "SlaClocks",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Outcome",
                table: "SlaClocks",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "PausedAt",
                table: "SlaClocks",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "PausedTime",
                table: "SlaClocks",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "RedAt",
                table: "SlaClocks",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<int>(
                name: "RedPercent",
                table: "SlaClocks",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Stage",
                table: "SlaClocks",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "TimeZone",
                table: "SlaClocks",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<long>(
                name: "Used",
                table: "SlaClocks",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "WaitingChangedAt",
                table: "SlaClocks",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "YellowAt",
                table: "SlaClocks",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<int>(
                name: "YellowPercent",
                table: "SlaClocks",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "ExtensionRequests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ClockId = table.Column<Guid>(type: "TEXT", nullable: false),
                    WorkItemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TicketId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OfficeCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    DeadlineThen = table.Column<long>(type: "INTEGER", nullable: false),
                    WantedDeadline = table.Column<long>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    RequestedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    RequestedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ApprovedDeadline = table.Column<long>(type: "INTEGER", nullable: true),
                    DecisionNote = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ExtensionRequests", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Reminders",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ClockId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TicketId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OfficeCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    SentBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    SentAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Reminders", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SlaPolicies",
                columns: table => new
                {
                    Category = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Urgency = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    SignForMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    HandlingMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    CallbackMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    YellowPercent = table.Column<int>(type: "INTEGER", nullable: false),
                    RedPercent = table.Column<int>(type: "INTEGER", nullable: false),
                    NaturalTime = table.Column<bool>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SlaPolicies", x => new { x.Category, x.Urgency });
                });

            migrationBuilder.CreateTable(
                name: "SupervisionNotices",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ClockId = table.Column<Guid>(type: "TEXT", nullable: false),
                    WorkItemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TicketId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    OfficeCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ParentOfficeCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Level = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Deadline = table.Column<long>(type: "INTEGER", nullable: false),
                    IssuedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    AcknowledgedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    AcknowledgedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    AcknowledgementNote = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ClosedReason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SupervisionNotices", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SlaClocks_BreachedAt",
                table: "SlaClocks",
                column: "BreachedAt");

            migrationBuilder.CreateIndex(
                name: "IX_SlaClocks_NextDueAt",
                table: "SlaClocks",
                column: "NextDueAt");

            migrationBuilder.CreateIndex(
                name: "IX_ExtensionRequests_ClockId",
                table: "ExtensionRequests",
                column: "ClockId");

            migrationBuilder.CreateIndex(
                name: "IX_ExtensionRequests_Status_RequestedAt",
                table: "ExtensionRequests",
                columns: new[] { "Status", "RequestedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Reminders_ClockId",
                table: "Reminders",
                column: "ClockId");

            migrationBuilder.CreateIndex(
                name: "IX_SupervisionNotices_ClockId_Level",
                table: "SupervisionNotices",
                columns: new[] { "ClockId", "Level" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SupervisionNotices_Status_Level",
                table: "SupervisionNotices",
                columns: new[] { "Status", "Level" });

            migrationBuilder.CreateIndex(
                name: "IX_SupervisionNotices_TicketId",
                table: "SupervisionNotices",
                column: "TicketId");

            // Clocks from before policies counted plain hours: they keep their deadlines, counted round the clock from their start
            // (natural time), warn at 75 % and 90 % of that span, and a breach still open gets its level-1 notice at the next tick.
            migrationBuilder.Sql("""
                UPDATE SlaClocks SET CalendarCode = 'natural-time', TimeZone = 'Asia/Shanghai', YellowPercent = 75, RedPercent = 90,
                    AnchoredAt = StartedAt, Allowed = Deadline - StartedAt, Used = 0, PausedTime = 0,
                    YellowAt = StartedAt + (Deadline - StartedAt) * 3 / 4, RedAt = StartedAt + (Deadline - StartedAt) * 9 / 10,
                    Stage = CASE Status WHEN 'Breached' THEN 'Breached' ELSE 'None' END,
                    Outcome = CASE WHEN StoppedAt IS NOT NULL THEN 'Done' END,
                    NextDueAt = CASE WHEN StoppedAt IS NOT NULL THEN NULL WHEN Status = 'Breached' THEN BreachedAt
                                     ELSE StartedAt + (Deadline - StartedAt) * 3 / 4 END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ExtensionRequests");

            migrationBuilder.DropTable(
                name: "Reminders");

            migrationBuilder.DropTable(
                name: "SlaPolicies");

            migrationBuilder.DropTable(
                name: "SupervisionNotices");

            migrationBuilder.DropIndex(
                name: "IX_SlaClocks_BreachedAt",
                table: "SlaClocks");

            migrationBuilder.DropIndex(
                name: "IX_SlaClocks_NextDueAt",
                table: "SlaClocks");

            migrationBuilder.DropColumn(
                name: "Allowed",
                table: "SlaClocks");

            migrationBuilder.DropColumn(
                name: "AnchoredAt",
                table: "SlaClocks");

            migrationBuilder.DropColumn(
                name: "CalendarCode",
                table: "SlaClocks");

            migrationBuilder.DropColumn(
                name: "Category",
                table: "SlaClocks");

            migrationBuilder.DropColumn(
                name: "NextDueAt",
                table: "SlaClocks");

            migrationBuilder.DropColumn(
                name: "NextLevelAt",
                table: "SlaClocks");

            migrationBuilder.DropColumn(
                name: "NoticeLevel",
                table: "SlaClocks");

            migrationBuilder.DropColumn(
                name: "OriginalDeadline",
                table: "SlaClocks");

            migrationBuilder.DropColumn(
                name: "Outcome",
                table: "SlaClocks");

            migrationBuilder.DropColumn(
                name: "PausedAt",
                table: "SlaClocks");

            migrationBuilder.DropColumn(
                name: "PausedTime",
                table: "SlaClocks");

            migrationBuilder.DropColumn(
                name: "RedAt",
                table: "SlaClocks");

            migrationBuilder.DropColumn(
                name: "RedPercent",
                table: "SlaClocks");

            migrationBuilder.DropColumn(
                name: "Stage",
                table: "SlaClocks");

            migrationBuilder.DropColumn(
                name: "TimeZone",
                table: "SlaClocks");

            migrationBuilder.DropColumn(
                name: "Used",
                table: "SlaClocks");

            migrationBuilder.DropColumn(
                name: "WaitingChangedAt",
                table: "SlaClocks");

            migrationBuilder.DropColumn(
                name: "YellowAt",
                table: "SlaClocks");

            migrationBuilder.DropColumn(
                name: "YellowPercent",
                table: "SlaClocks");
        }
    }
}
