using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ticketing.Dispatch.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ReturnReasonCodes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ReturnReasonCode",
                table: "Assignments",
                type: "nvarchar(40)",
                maxLength: 40,
                nullable: true);

            // Returns from before the codes existed (those since superseded too) keep their reason text and get Other.
            migrationBuilder.Sql("UPDATE [Assignments] SET [ReturnReasonCode] = 'Other' WHERE [ReturnedAt] IS NOT NULL OR [ReturnReason] IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ReturnReasonCode",
                table: "Assignments");
        }
    }
}
