using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ticketing.Intake.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OfficeOverdueAndTwoCharacterSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "OfficeAssignmentId",
                table: "Tickets",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "OfficeChangedAt",
                table: "Tickets",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OfficeCode",
                table: "Tickets",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Overdue",
                table: "Tickets",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "OfficeWorkItems",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TicketId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Breached = table.Column<bool>(type: "INTEGER", nullable: false),
                    Closed = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OfficeWorkItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OfficeWorkItems_Tickets_TicketId",
                        column: x => x.TicketId,
                        principalTable: "Tickets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_OfficeCode_ReceivedAt",
                table: "Tickets",
                columns: new[] { "OfficeCode", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_Overdue_OfficeCode_ReceivedAt",
                table: "Tickets",
                columns: new[] { "Overdue", "OfficeCode", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_OfficeWorkItems_TicketId",
                table: "OfficeWorkItems",
                column: "TicketId");

            // Two-character text (路灯): a second contentless FTS5 index whose rows are the text's pairs of neighbouring
            // characters, made by the C# function ticket_bigrams (Tickets/TextBigrams.cs, registered on every connection
            // of IntakeSqliteDbContext). detail = none: a pair is one token and is looked up alone, so positions are not
            // kept. The ascii tokenizer with every ASCII punctuation mark as a token character splits only at spaces and
            // control characters (non-ASCII characters are always token characters). Same rowid layout as TicketText.
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE TicketBigrams USING fts5(Title, Content, content = '', contentless_delete = 1, detail = none,
                  tokenize = "ascii tokenchars '!""#$%&''()*+,-./:;<=>?@[\]^_`{|}~'");
                """);
            migrationBuilder.Sql("INSERT INTO TicketBigrams (rowid, Title, Content) SELECT rowid, ticket_bigrams(Title), ticket_bigrams(Content) FROM Tickets;");
            migrationBuilder.Sql("""
                CREATE TRIGGER TicketBigrams_AfterInsert AFTER INSERT ON Tickets BEGIN
                  INSERT INTO TicketBigrams (rowid, Title, Content) VALUES (new.rowid, ticket_bigrams(new.Title), ticket_bigrams(new.Content));
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER TicketBigrams_AfterUpdate AFTER UPDATE OF Title, Content ON Tickets BEGIN
                  DELETE FROM TicketBigrams WHERE rowid = old.rowid;
                  INSERT INTO TicketBigrams (rowid, Title, Content) VALUES (new.rowid, ticket_bigrams(new.Title), ticket_bigrams(new.Content));
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER TicketBigrams_AfterDelete AFTER DELETE ON Tickets BEGIN
                  DELETE FROM TicketBigrams WHERE rowid = old.rowid;
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS TicketBigrams_AfterInsert;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS TicketBigrams_AfterUpdate;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS TicketBigrams_AfterDelete;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS TicketBigrams;");

            migrationBuilder.DropTable(
                name: "OfficeWorkItems");

            migrationBuilder.DropIndex(
                name: "IX_Tickets_OfficeCode_ReceivedAt",
                table: "Tickets");

            migrationBuilder.DropIndex(
                name: "IX_Tickets_Overdue_OfficeCode_ReceivedAt",
                table: "Tickets");

            // SQLite's own DROP COLUMN rather than EF's table rebuild: the rebuild would drop the triggers on Tickets (the
            // trigram index's) and could renumber the rows the text index is keyed by.
            migrationBuilder.Sql("ALTER TABLE Tickets DROP COLUMN OfficeAssignmentId;");
            migrationBuilder.Sql("ALTER TABLE Tickets DROP COLUMN OfficeChangedAt;");
            migrationBuilder.Sql("ALTER TABLE Tickets DROP COLUMN OfficeCode;");
            migrationBuilder.Sql("ALTER TABLE Tickets DROP COLUMN Overdue;");
        }
    }
}
