using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ticketing.Supervision.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class OfficeClocksByDeadline : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SlaClocks_OfficeCode_Status",
                table: "SlaClocks");

            migrationBuilder.CreateIndex(
                name: "IX_SlaClocks_OfficeCode_Deadline",
                table: "SlaClocks",
                columns: new[] { "OfficeCode", "Deadline" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SlaClocks_OfficeCode_Deadline",
                table: "SlaClocks");

            migrationBuilder.CreateIndex(
                name: "IX_SlaClocks_OfficeCode_Status",
                table: "SlaClocks",
                columns: new[] { "OfficeCode", "Status" });
        }
    }
}
