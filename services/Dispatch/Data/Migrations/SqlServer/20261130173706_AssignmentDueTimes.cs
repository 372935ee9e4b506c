using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ticketing.Dispatch.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class AssignmentDueTimes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "DueAt",
                table: "Assignments",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "DueClockId",
                table: "Assignments",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "DueClockStartedAt",
                table: "Assignments",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DueKind",
                table: "Assignments",
                type: "nvarchar(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "DuePaused",
                table: "Assignments",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "DueSequence",
                table: "Assignments",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateIndex(
                name: "IX_Assignments_OfficeCode_DueAt",
                table: "Assignments",
                columns: new[] { "OfficeCode", "DueAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Assignments_OfficeCode_DueAt",
                table: "Assignments");

            migrationBuilder.DropColumn(
                name: "DueAt",
                table: "Assignments");

            migrationBuilder.DropColumn(
                name: "DueClockId",
                table: "Assignments");

            migrationBuilder.DropColumn(
                name: "DueClockStartedAt",
                table: "Assignments");

            migrationBuilder.DropColumn(
                name: "DueKind",
                table: "Assignments");

            migrationBuilder.DropColumn(
                name: "DuePaused",
                table: "Assignments");

            migrationBuilder.DropColumn(
                name: "DueSequence",
                table: "Assignments");
        }
    }
}
