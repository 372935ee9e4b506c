using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ticketing.Callback.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class CallbackClaimsAndCalls : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ClaimExpiresAt",
                table: "CallbackTasks",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ClaimedBy",
                table: "CallbackTasks",
                type: "nvarchar(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "NextCountingAttemptAt",
                table: "CallbackTasks",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CallbackCalls",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    At = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    Result = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Note = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    AgentId = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    CountsTowardUnreachable = table.Column<bool>(type: "bit", nullable: false),
                    TaskId = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
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
