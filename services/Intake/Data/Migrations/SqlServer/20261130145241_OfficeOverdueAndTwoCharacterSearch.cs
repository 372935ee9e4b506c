using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ticketing.Intake.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class OfficeOverdueAndTwoCharacterSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Text stays on LIKE on SQL Server, two characters as well: only the office and overdue columns come here.
            migrationBuilder.AddColumn<Guid>(
                name: "OfficeAssignmentId",
                table: "Tickets",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "OfficeChangedAt",
                table: "Tickets",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OfficeCode",
                table: "Tickets",
                type: "nvarchar(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Overdue",
                table: "Tickets",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "OfficeWorkItems",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TicketId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Breached = table.Column<bool>(type: "bit", nullable: false),
                    Closed = table.Column<bool>(type: "bit", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OfficeWorkItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OfficeWorkItems_Tickets_TicketId",
                        column: x => x.TicketId,
                        principalTable: "Tickets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_OfficeCode_ReceivedAt",
                table: "Tickets",
                columns: new[] { "OfficeCode", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_Overdue_OfficeCode_ReceivedAt",
                table: "Tickets",
                columns: new[] { "Overdue", "OfficeCode", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_OfficeWorkItems_TicketId",
                table: "OfficeWorkItems",
                column: "TicketId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "OfficeWorkItems");

            migrationBuilder.DropIndex(
                name: "IX_Tickets_OfficeCode_ReceivedAt",
                table: "Tickets");

            migrationBuilder.DropIndex(
                name: "IX_Tickets_Overdue_OfficeCode_ReceivedAt",
                table: "Tickets");

            migrationBuilder.DropColumn(
                name: "OfficeAssignmentId",
                table: "Tickets");

            migrationBuilder.DropColumn(
                name: "OfficeChangedAt",
                table: "Tickets");

            migrationBuilder.DropColumn(
                name: "OfficeCode",
                table: "Tickets");

            migrationBuilder.DropColumn(
                name: "Overdue",
                table: "Tickets");
        }
    }
}
