using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ticketing.Workflow.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class InstanceSubCategory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SubCategory",
                table: "WorkflowInstances",
                type: "nvarchar(40)",
                maxLength: 40,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "SubCategory",
                table: "WorkflowInstances");
        }
    }
}
