using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ticketing.Callback.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class WorkItemsByOwnId : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_CallbackTasks_Status_CreatedAt",
                table: "CallbackTasks");

            migrationBuilder.AddColumn<int>(
                name: "Attempts",
                table: "CallbackTasks",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ClosedAt",
                table: "CallbackTasks",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ClosedReason",
                table: "CallbackTasks",
                type: "nvarchar(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "DueAt",
                table: "CallbackTasks",
                type: "datetimeoffset",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "LastAttemptAt",
                table: "CallbackTasks",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LastAttemptNote",
                table: "CallbackTasks",
                type: "nvarchar(500)",
                maxLength: 500,
                nullable: true);

            // Earlier tasks had no due time: they were due when queued. EXEC compiles the update after the new column
            // exists, also where the migrations run as one script.
            migrationBuilder.Sql("EXEC(N'UPDATE CallbackTasks SET DueAt = CreatedAt');");

            // A first-contact resolution has no office.
            migrationBuilder.AlterColumn<string>(
                name: "OfficeCode",
                table: "CallbackTasks",
                type: "nvarchar(40)",
                maxLength: 40,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "nvarchar(40)",
                oldMaxLength: 40);

            migrationBuilder.CreateIndex(
                name: "IX_CallbackTasks_Status_DueAt_CreatedAt",
                table: "CallbackTasks",
                columns: new[] { "Status", "DueAt", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_CallbackTasks_Status_DueAt_CreatedAt",
                table: "CallbackTasks");

            migrationBuilder.DropColumn(
                name: "Attempts",
                table: "CallbackTasks");

            migrationBuilder.DropColumn(
                name: "ClosedAt",
                table: "CallbackTasks");

            migrationBuilder.DropColumn(
                name: "ClosedReason",
                table: "CallbackTasks");

            migrationBuilder.DropColumn(
                name: "DueAt",
                table: "CallbackTasks");

            migrationBuilder.DropColumn(
                name: "LastAttemptAt",
                table: "CallbackTasks");

            migrationBuilder.DropColumn(
                name: "LastAttemptNote",
                table: "CallbackTasks");

            migrationBuilder.AlterColumn<string>(
                name: "OfficeCode",
                table: "CallbackTasks",
                type: "nvarchar(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "nvarchar(40)",
                oldMaxLength: 40,
                oldNullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_CallbackTasks_Status_CreatedAt",
                table: "CallbackTasks",
                columns: new[] { "Status", "CreatedAt" });
        }
    }
}
