using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ticketing.Callback.Data.Migrations.Sqlite
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
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "ClosedAt",
                table: "CallbackTasks",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ClosedReason",
                table: "CallbackTasks",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "DueAt",
                table: "CallbackTasks",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "LastAttemptAt",
                table: "CallbackTasks",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LastAttemptNote",
                table: "CallbackTasks",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            // Earlier tasks had no due time: they were due when queued. Set before the nullable office makes SQLite
            // rebuild the table, so the rebuild copies it.
            migrationBuilder.Sql("UPDATE CallbackTasks SET DueAt = CreatedAt;");

            // A first-contact resolution has no office.
            migrationBuilder.AlterColumn<string>(
                name: "OfficeCode",
                table: "CallbackTasks",
                type: "TEXT",
                maxLength: 40,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "TEXT",
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
                type: "TEXT",
                maxLength: 40,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 40,
                oldNullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_CallbackTasks_Status_CreatedAt",
                table: "CallbackTasks",
                columns: new[] { "Status", "CreatedAt" });
        }
    }
}
