using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ticketing.Intake.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TicketTextSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Tickets_CallerName",
                table: "Tickets",
                column: "CallerName");

            // Text search: a contentless FTS5 index of titles and contents with the trigram tokenizer (any substring of
            // three or more characters, Chinese included, without word segmentation), kept by triggers under the
            // ticket's rowid: the lookup back to the ticket is then the table's own b-tree. Tickets are never deleted,
            // so a migration that rebuilds the table keeps the rowids; one that could not must rebuild this index
            // (delete-all, then insert from Tickets). TicketSearchTests check the triggers after every migration.
            migrationBuilder.Sql("CREATE VIRTUAL TABLE TicketText USING fts5(Title, Content, content = '', contentless_delete = 1, tokenize = 'trigram');");
            migrationBuilder.Sql("INSERT INTO TicketText (rowid, Title, Content) SELECT rowid, Title, Content FROM Tickets;");
            migrationBuilder.Sql("""
                CREATE TRIGGER TicketText_AfterInsert AFTER INSERT ON Tickets BEGIN
                  INSERT INTO TicketText (rowid, Title, Content) VALUES (new.rowid, new.Title, new.Content);
                END;
                """);
            // Titles and contents are not edited and tickets are never deleted today; were they, these keep the index true.
            migrationBuilder.Sql("""
                CREATE TRIGGER TicketText_AfterUpdate AFTER UPDATE OF Title, Content ON Tickets BEGIN
                  DELETE FROM TicketText WHERE rowid = old.rowid;
                  INSERT INTO TicketText (rowid, Title, Content) VALUES (new.rowid, new.Title, new.Content);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER TicketText_AfterDelete AFTER DELETE ON Tickets BEGIN
                  DELETE FROM TicketText WHERE rowid = old.rowid;
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS TicketText_AfterInsert;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS TicketText_AfterUpdate;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS TicketText_AfterDelete;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS TicketText;");

            migrationBuilder.DropIndex(
                name: "IX_Tickets_CallerName",
                table: "Tickets");
        }
    }
}
