using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ticketing.Dispatch.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class WorkItemsByOwnId : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "ClosedAt",
                table: "Assignments",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ClosedReason",
                table: "Assignments",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "DispatchId",
                table: "Assignments",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<string>(
                name: "ReturnReason",
                table: "Assignments",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ReturnedAt",
                table: "Assignments",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReturnedBy",
                table: "Assignments",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "DispatchRequests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TicketId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Urgency = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    DirectedOfficeCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    ByHand = table.Column<bool>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    RequestedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    AssignmentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AssignedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ClosedReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DispatchRequests", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Assignments_DispatchId",
                table: "Assignments",
                column: "DispatchId");

            migrationBuilder.CreateIndex(
                name: "IX_DispatchRequests_Status_RequestedAt",
                table: "DispatchRequests",
                columns: new[] { "Status", "RequestedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_DispatchRequests_TicketId",
                table: "DispatchRequests",
                column: "TicketId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DispatchRequests");

            migrationBuilder.DropIndex(
                name: "IX_Assignments_DispatchId",
                table: "Assignments");

            migrationBuilder.DropColumn(
                name: "ClosedAt",
                table: "Assignments");

            migrationBuilder.DropColumn(
                name: "ClosedReason",
                table: "Assignments");

            migrationBuilder.DropColumn(
                name: "DispatchId",
                table: "Assignments");

            migrationBuilder.DropColumn(
                name: "ReturnReason",
                table: "Assignments");

            migrationBuilder.DropColumn(
                name: "ReturnedAt",
                table: "Assignments");

            migrationBuilder.DropColumn(
                name: "ReturnedBy",
                table: "Assignments");
        }
    }
}
