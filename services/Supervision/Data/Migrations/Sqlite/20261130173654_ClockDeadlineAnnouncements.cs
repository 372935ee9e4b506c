using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ticketing.Supervision.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ClockDeadlineAnnouncements : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "AssignmentId",
                table: "SlaClocks",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "DeadlineSequence",
                table: "SlaClocks",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            // A sign-for clock's work item is its assignment; handling clocks started before this keep none (their next
            // announcement reaches no inbox until the next handling clock, which names it).
            migrationBuilder.Sql("UPDATE SlaClocks SET AssignmentId = WorkItemId WHERE Kind = 'sign-for'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AssignmentId",
                table: "SlaClocks");

            migrationBuilder.DropColumn(
                name: "DeadlineSequence",
                table: "SlaClocks");
        }
    }
}
