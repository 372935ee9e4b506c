using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ticketing.Survey.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SurveyLinksScoresAndQualityReview : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<bool>(
                name: "Resolved",
                table: "SurveyResponses",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(bool),
                oldType: "INTEGER");

            migrationBuilder.AddColumn<int>(
                name: "AttitudeScore",
                table: "SurveyResponses",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "LinkId",
                table: "SurveyResponses",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "NeedsQualityReview",
                table: "SurveyResponses",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "QualityReviewReason",
                table: "SurveyResponses",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ResultScore",
                table: "SurveyResponses",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SpeedScore",
                table: "SurveyResponses",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "SurveyLinks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TicketId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UsedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ResponseId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SurveyLinks", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SurveyResponses_NeedsQualityReview_RecordedAt",
                table: "SurveyResponses",
                columns: new[] { "NeedsQualityReview", "RecordedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SurveyLinks_TicketId",
                table: "SurveyLinks",
                column: "TicketId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SurveyLinks");

            migrationBuilder.DropIndex(
                name: "IX_SurveyResponses_NeedsQualityReview_RecordedAt",
                table: "SurveyResponses");

            migrationBuilder.DropColumn(
                name: "AttitudeScore",
                table: "SurveyResponses");

            migrationBuilder.DropColumn(
                name: "LinkId",
                table: "SurveyResponses");

            migrationBuilder.DropColumn(
                name: "NeedsQualityReview",
                table: "SurveyResponses");

            migrationBuilder.DropColumn(
                name: "QualityReviewReason",
                table: "SurveyResponses");

            migrationBuilder.DropColumn(
                name: "ResultScore",
                table: "SurveyResponses");

            migrationBuilder.DropColumn(
                name: "SpeedScore",
                table: "SurveyResponses");

            migrationBuilder.AlterColumn<bool>(
                name: "Resolved",
                table: "SurveyResponses",
                type: "INTEGER",
                nullable: false,
                defaultValue: false,
                oldClrType: typeof(bool),
                oldType: "INTEGER",
                oldNullable: true);
        }
    }
}
