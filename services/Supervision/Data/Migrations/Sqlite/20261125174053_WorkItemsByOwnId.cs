using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ticketing.Supervision.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class WorkItemsByOwnId : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "WorkItemId",
                table: "SlaClocks",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            // Earlier clocks were per ticket and know no work item; each gets its own id so the index can be unique.
            migrationBuilder.Sql("UPDATE SlaClocks SET WorkItemId = Id;");

            migrationBuilder.CreateIndex(
                name: "IX_SlaClocks_WorkItemId",
                table: "SlaClocks",
                column: "WorkItemId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SlaClocks_WorkItemId",
                table: "SlaClocks");

            migrationBuilder.DropColumn(
                name: "WorkItemId",
                table: "SlaClocks");
        }
    }
}
