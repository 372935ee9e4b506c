using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ticketing.Workflow.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class LifecycleDefinitionsAndWorkItems : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Kept, not dropped: the timeline is append-only and its old reasons stay.
            migrationBuilder.RenameColumn(
                name: "Note",
                table: "TimelineEntries",
                newName: "Reason");

            migrationBuilder.RenameColumn(
                name: "ReopenCount",
                table: "WorkflowInstances",
                newName: "Reopens");

            migrationBuilder.AddColumn<Guid>(
                name: "AssignmentId",
                table: "WorkflowInstances",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Category",
                table: "WorkflowInstances",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "DefinitionName",
                table: "WorkflowInstances",
                type: "TEXT",
                maxLength: 60,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "DefinitionVersion",
                table: "WorkflowInstances",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "DirectedOfficeCode",
                table: "WorkflowInstances",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Escalations",
                table: "WorkflowInstances",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<Guid>(
                name: "MergedInto",
                table: "WorkflowInstances",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RegionCode",
                table: "WorkflowInstances",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "Returns",
                table: "WorkflowInstances",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "ReplyToCustomer",
                table: "WorkflowInstances",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Urgency",
                table: "WorkflowInstances",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "");


            migrationBuilder.AddColumn<string>(
                name: "Role",
                table: "TimelineEntries",
                type: "TEXT",
                maxLength: 40,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<Guid>(
                name: "SourceId",
                table: "TimelineEntries",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "LifecycleTimers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TicketId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Trigger = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    StartedAtSequence = table.Column<int>(type: "INTEGER", nullable: false),
                    DueAt = table.Column<long>(type: "INTEGER", nullable: false),
                    FiredAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CancelledAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LifecycleTimers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LifecycleTimers_WorkflowInstances_TicketId",
                        column: x => x.TicketId,
                        principalTable: "WorkflowInstances",
                        principalColumn: "TicketId",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "WorkItems",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TicketId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    OpenedIn = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    OfficeCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    ByHand = table.Column<bool>(type: "INTEGER", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    OpenedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DueAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ClosedReason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WorkItems_WorkflowInstances_TicketId",
                        column: x => x.TicketId,
                        principalTable: "WorkflowInstances",
                        principalColumn: "TicketId",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_TimelineEntries_TicketId_SourceId",
                table: "TimelineEntries",
                columns: new[] { "TicketId", "SourceId" });

            migrationBuilder.CreateIndex(
                name: "IX_LifecycleTimers_FiredAt_CancelledAt_DueAt",
                table: "LifecycleTimers",
                columns: new[] { "FiredAt", "CancelledAt", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_LifecycleTimers_TicketId",
                table: "LifecycleTimers",
                column: "TicketId");

            migrationBuilder.CreateIndex(
                name: "IX_WorkItems_TicketId_Status",
                table: "WorkItems",
                columns: new[] { "TicketId", "Status" });

            // Instances started before definitions existed run on the default definition's first version.
            migrationBuilder.Sql("UPDATE WorkflowInstances SET DefinitionName = 'default', DefinitionVersion = 1, Category = 'HelpRequest', Urgency = 'Normal' WHERE DefinitionName = ''");

            // A received ticket waits for intake's decision: give it the registration work item its state opens, so
            // the decision taken after the upgrade applies. Later states' items were never recorded and cannot be.
            migrationBuilder.Sql("INSERT INTO WorkItems (Id, TicketId, Kind, Status, OpenedIn, ByHand, OpenedAt) " +
                "SELECT TicketId, TicketId, 'Registration', 'Open', 'Received', 0, UpdatedAt FROM WorkflowInstances WHERE State = 'Received'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "LifecycleTimers");

            migrationBuilder.DropTable(
                name: "WorkItems");

            migrationBuilder.DropIndex(
                name: "IX_TimelineEntries_TicketId_SourceId",
                table: "TimelineEntries");

            migrationBuilder.DropColumn(
                name: "AssignmentId",
                table: "WorkflowInstances");

            migrationBuilder.DropColumn(
                name: "Category",
                table: "WorkflowInstances");

            migrationBuilder.DropColumn(
                name: "DefinitionName",
                table: "WorkflowInstances");

            migrationBuilder.DropColumn(
                name: "DefinitionVersion",
                table: "WorkflowInstances");

            migrationBuilder.DropColumn(
                name: "DirectedOfficeCode",
                table: "WorkflowInstances");

            migrationBuilder.DropColumn(
                name: "Escalations",
                table: "WorkflowInstances");

            migrationBuilder.DropColumn(
                name: "MergedInto",
                table: "WorkflowInstances");

            migrationBuilder.DropColumn(
                name: "RegionCode",
                table: "WorkflowInstances");

            migrationBuilder.DropColumn(
                name: "Returns",
                table: "WorkflowInstances");

            migrationBuilder.DropColumn(
                name: "ReplyToCustomer",
                table: "WorkflowInstances");

            migrationBuilder.DropColumn(
                name: "Urgency",
                table: "WorkflowInstances");

            migrationBuilder.RenameColumn(
                name: "Reason",
                table: "TimelineEntries",
                newName: "Note");

            migrationBuilder.DropColumn(
                name: "Role",
                table: "TimelineEntries");

            migrationBuilder.DropColumn(
                name: "SourceId",
                table: "TimelineEntries");

            migrationBuilder.RenameColumn(
                name: "Reopens",
                table: "WorkflowInstances",
                newName: "ReopenCount");

        }
    }
}
