using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ticketing.Intake.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class DuplicatesAndIdempotentRegistration : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "AddressKey",
                table: "Tickets",
                type: "nvarchar(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "IdempotencyKey",
                table: "Tickets",
                type: "nvarchar(100)",
                maxLength: 100,
                nullable: true);

            // Tickets registered before keep matching by address: spaces out, lower case (the app also folds full-width forms).
            migrationBuilder.Sql("UPDATE Tickets SET AddressKey = LOWER(REPLACE(Address, ' ', '')) WHERE Address IS NOT NULL AND Address <> ''");

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_AddressKey",
                table: "Tickets",
                column: "AddressKey");

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_ReceivedBy_IdempotencyKey",
                table: "Tickets",
                columns: new[] { "ReceivedBy", "IdempotencyKey" },
                unique: true,
                filter: "[IdempotencyKey] IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Tickets_AddressKey",
                table: "Tickets");

            migrationBuilder.DropIndex(
                name: "IX_Tickets_ReceivedBy_IdempotencyKey",
                table: "Tickets");

            migrationBuilder.DropColumn(
                name: "AddressKey",
                table: "Tickets");

            migrationBuilder.DropColumn(
                name: "IdempotencyKey",
                table: "Tickets");
        }
    }
}
