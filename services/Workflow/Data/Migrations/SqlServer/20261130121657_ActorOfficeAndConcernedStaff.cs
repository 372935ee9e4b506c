using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ticketing.Workflow.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ActorOfficeAndConcernedStaff : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ConcernedStaff",
                table: "WorkflowInstances",
                type: "nvarchar(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Office",
                table: "TimelineEntries",
                type: "nvarchar(40)",
                maxLength: 40,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ConcernedStaff",
                table: "WorkflowInstances");

            migrationBuilder.DropColumn(
                name: "Office",
                table: "TimelineEntries");
        }
    }
}
