using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ticketing.Callback.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CallbackClaimsAndCalls : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "ClaimExpiresAt",
                table: "CallbackTasks",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ClaimedBy",
                table: "CallbackTasks",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "NextCountingAttemptAt",
                table: "CallbackTasks",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CallbackCalls",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Result = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    AgentId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CountsTowardUnreachable = table.Column<bool>(type: "INTEGER", nullable: false),
                    TaskId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CallbackCalls", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CallbackCalls_CallbackTasks_TaskId",
                        column: x => x.TaskId,
                        principalTable: "CallbackTasks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CallbackCalls_TaskId",
                table: "CallbackCalls",
                column: "TaskId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CallbackCalls");

            migrationBuilder.DropColumn(
                name: "ClaimExpiresAt",
                table: "CallbackTasks");

            migrationBuilder.DropColumn(
                name: "ClaimedBy",
                table: "CallbackTasks");

            migrationBuilder.DropColumn(
                name: "NextCountingAttemptAt",
                table: "CallbackTasks");
        }
    }
}
