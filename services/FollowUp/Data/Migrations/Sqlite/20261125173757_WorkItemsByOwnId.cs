using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ticketing.FollowUp.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class WorkItemsByOwnId : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "Id",
                table: "HandlingCases",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<long>(
                name: "ClosedAt",
                table: "HandlingCases",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ClosedReason",
                table: "HandlingCases",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OpenReason",
                table: "HandlingCases",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Urgency",
                table: "HandlingCases",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "Normal"); // earlier cases did not record it

            // Earlier cases were one per ticket, so the ticket's id serves as the case's own; a case no longer waits
            // for a signature (the workflow opens it once the office signed). The data is set before the key changes,
            // so that SQLite's rebuild of the table copies it.
            migrationBuilder.Sql("UPDATE HandlingCases SET Id = TicketId;");
            migrationBuilder.Sql("UPDATE HandlingCases SET Status = 'InProgress' WHERE Status = 'AwaitingSignature';");

            migrationBuilder.DropPrimaryKey(
                name: "PK_HandlingCases",
                table: "HandlingCases");

            migrationBuilder.DropColumn(
                name: "SignedAt",
                table: "HandlingCases");

            migrationBuilder.RenameColumn(
                name: "ReopenCount",
                table: "HandlingCases",
                newName: "Reopens");

            migrationBuilder.RenameColumn(
                name: "AssignedAt",
                table: "HandlingCases",
                newName: "OpenedAt");

            migrationBuilder.RenameIndex(
                name: "IX_HandlingCases_OfficeCode_Status_AssignedAt",
                table: "HandlingCases",
                newName: "IX_HandlingCases_OfficeCode_Status_OpenedAt");

            migrationBuilder.AddPrimaryKey(
                name: "PK_HandlingCases",
                table: "HandlingCases",
                column: "Id");

            migrationBuilder.CreateIndex(
                name: "IX_HandlingCases_TicketId",
                table: "HandlingCases",
                column: "TicketId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_HandlingCases",
                table: "HandlingCases");

            migrationBuilder.DropIndex(
                name: "IX_HandlingCases_TicketId",
                table: "HandlingCases");

            migrationBuilder.DropColumn(
                name: "Id",
                table: "HandlingCases");

            migrationBuilder.DropColumn(
                name: "ClosedReason",
                table: "HandlingCases");

            migrationBuilder.DropColumn(
                name: "OpenReason",
                table: "HandlingCases");

            migrationBuilder.DropColumn(
                name: "Urgency",
                table: "HandlingCases");

            migrationBuilder.RenameColumn(
                name: "Reopens",
                table: "HandlingCases",
                newName: "ReopenCount");

            migrationBuilder.RenameColumn(
                name: "OpenedAt",
                table: "HandlingCases",
                newName: "AssignedAt");

            migrationBuilder.DropColumn(
                name: "ClosedAt",
                table: "HandlingCases");

            migrationBuilder.AddColumn<long>(
                name: "SignedAt",
                table: "HandlingCases",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.RenameIndex(
                name: "IX_HandlingCases_OfficeCode_Status_OpenedAt",
                table: "HandlingCases",
                newName: "IX_HandlingCases_OfficeCode_Status_AssignedAt");

            migrationBuilder.AddPrimaryKey(
                name: "PK_HandlingCases",
                table: "HandlingCases",
                column: "TicketId");
        }
    }
}
