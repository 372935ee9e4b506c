using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ticketing.Intake.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ComplaintConcernedStaff : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ConcernedStaff",
                table: "Tickets",
                type: "TEXT",
                maxLength: 100,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ConcernedStaff",
                table: "Tickets");
        }
    }
}
